import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiError,
  FileState,
  FinishReason,
  GoogleGenAI,
  type Fetch,
  type File as GeminiFile,
  type GenerateContentResponse,
  type HttpOptions,
  type Part,
} from '@google/genai';
import { ModelCallError, type ModelClient, type ModelRequest, type ModelResponse, type ModelVideo } from '../model-client.js';
import { statusFailure, transportFailure } from './call-failures.js';
import { toGeminiSchema, UnsupportedGeminiSchemaError, type GeminiSchema } from './gemini-schema.js';
import { readMediaFile } from './read-media-file.js';
import { runVendorCall } from './vendor-call.js';
import { CLIENT_CAPABILITIES } from './client-capabilities.js';

export interface GeminiClientOptions {
  apiKey: string;
  /** Default `gemini-2.5-flash`. */
  model?: string;
  /** Another endpoint speaking Gemini's API: a proxy, a test server. */
  baseUrl?: string;
  /** Deadline per call, video upload included. Default 120 s. */
  timeoutMs?: number;
  /** How often to ask whether an uploaded video is ready. Default 2 s. */
  videoPollMs?: number;
}

const PROVIDER = 'gemini';
const API_VERSION = 'v1beta';
const DEFAULT_MODEL = 'gemini-2.5-flash';
const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_VIDEO_POLL_MS = 2_000;
/** Gemini processes a short clip in seconds; a video still processing after this many checks is stuck. */
const MAX_VIDEO_POLLS = 90;
const CLEANUP_TIMEOUT_MS = 5_000;

/** Gemini stopped because of what the answer would have said: asking again gets the same refusal. */
const WITHHELD: ReadonlySet<string> = new Set([
  FinishReason.SAFETY,
  FinishReason.RECITATION,
  FinishReason.LANGUAGE,
  FinishReason.BLOCKLIST,
  FinishReason.PROHIBITED_CONTENT,
  FinishReason.SPII,
  FinishReason.IMAGE_SAFETY,
  FinishReason.IMAGE_PROHIBITED_CONTENT,
  FinishReason.IMAGE_RECITATION,
]);

/** A file the API has named, so that it can be polled and deleted. */
type UploadedFile = GeminiFile & { name: string };

export function createGeminiClient(options: GeminiClientOptions): ModelClient {
  const model = options.model ?? DEFAULT_MODEL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const videoPollMs = options.videoPollMs ?? DEFAULT_VIDEO_POLL_MS;
  const endpoint: HttpOptions = { baseUrl: options.baseUrl, apiVersion: API_VERSION };
  // vertexai: false, or GOOGLE_GENAI_USE_VERTEXAI in the environment would send the call to Vertex AI.
  const connect = (httpOptions: HttpOptions): GoogleGenAI => new GoogleGenAI({ apiKey: options.apiKey, vertexai: false, httpOptions });
  const genAI = connect(endpoint);

  async function send(request: ModelRequest, responseSchema: GeminiSchema, signal: AbortSignal): Promise<ModelResponse> {
    // The SDK's upload ignores `config.abortSignal`: its requests get the call's signal through fetch.
    const uploaded = request.video && (await uploadVideo(connect({ ...endpoint, fetch: fetchUntil(signal) }), request.video));
    try {
      const video = uploaded && (await waitUntilActive(genAI, uploaded, videoPollMs, signal));
      const parts: Part[] = video ? [{ fileData: { fileUri: video.uri, mimeType: video.mimeType } }] : [];
      for (const image of request.images) {
        const bytes = await readMediaFile(PROVIDER, image.path);
        parts.push({ inlineData: { mimeType: image.mimeType, data: bytes.toString('base64') } });
      }
      // Media first, then the task: Google's guidance for multimodal prompts.
      parts.push({ text: request.prompt });
      const response = await genAI.models.generateContent({
        model,
        contents: [{ role: 'user', parts }],
        config: {
          systemInstruction: request.system,
          temperature: request.temperature,
          responseMimeType: 'application/json',
          responseSchema,
          abortSignal: signal,
        },
      });
      return { text: answerText(response), model: response.modelVersion ?? model, usage: usageOf(response) };
    } finally {
      if (uploaded) await deleteQuietly(genAI, uploaded.name);
    }
  }

  return {
    provider: PROVIDER,
    model,
    capabilities: CLIENT_CAPABILITIES.gemini,
    async complete(request) {
      const responseSchema = geminiSchemaOf(request.schema);
      return runVendorCall(
        { provider: PROVIDER, timeoutMs, signal: request.signal, secret: options.apiKey },
        (signal) => send(request, responseSchema, signal),
        classifyGeminiFailure,
      );
    },
  };
}

function geminiSchemaOf(schema: Record<string, unknown>): GeminiSchema {
  try {
    return toGeminiSchema(schema);
  } catch (error) {
    if (!(error instanceof UnsupportedGeminiSchemaError)) throw error;
    throw new ModelCallError(`${PROVIDER} cannot constrain its answer to this schema: ${error.message}`, PROVIDER, false, undefined, { cause: error });
  }
}

/** Every request of this fetch ends when `signal` aborts, whatever signal the SDK gave it. */
function fetchUntil(signal: AbortSignal): Fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}

async function uploadVideo(client: GoogleGenAI, video: ModelVideo): Promise<UploadedFile> {
  // Read here rather than handing the SDK the path, so an unreadable video fails like an unreadable image.
  const bytes = await readMediaFile(PROVIDER, video.path);
  const file = await client.files.upload({
    file: new Blob([bytes], { type: video.mimeType }),
    config: { mimeType: video.mimeType, displayName: path.basename(video.path) },
  });
  if (!file.name) throw new ModelCallError(`${PROVIDER} accepted the video upload without naming the file`, PROVIDER, true);
  return { ...file, name: file.name };
}

/** An uploaded video can be used only once Gemini has processed it. */
async function waitUntilActive(client: GoogleGenAI, uploaded: UploadedFile, pollMs: number, signal: AbortSignal): Promise<GeminiFile> {
  let file: GeminiFile = uploaded;
  for (let polls = 0; file.state === FileState.PROCESSING; polls++) {
    if (polls === MAX_VIDEO_POLLS) {
      throw new ModelCallError(`${PROVIDER} was still processing the video after ${polls} checks`, PROVIDER, true);
    }
    await sleep(pollMs, undefined, { signal });
    file = await client.files.get({ name: uploaded.name, config: { abortSignal: signal } });
  }
  if (file.state !== FileState.ACTIVE) {
    const reason = file.error?.message ? `: ${file.error.message}` : '';
    throw new ModelCallError(`${PROVIDER} could not process the video (${file.state ?? 'no state'}${reason})`, PROVIDER, false);
  }
  return file;
}

/**
 * Uploaded videos of the app under test may show private data: remove them as soon as the answer is in.
 * A failed removal is not the caller's problem (Gemini expires files after 48 hours), and it runs under
 * its own short deadline so that it still happens after the call was cancelled.
 */
async function deleteQuietly(client: GoogleGenAI, name: string): Promise<void> {
  await client.files.delete({ name, config: { abortSignal: AbortSignal.timeout(CLEANUP_TIMEOUT_MS) } }).catch(() => undefined);
}

/**
 * The first candidate's text, thought summaries left out. Not the SDK's `text` getter: that one writes
 * warnings to the console when a response holds other parts.
 */
function answerText(response: GenerateContentResponse): string {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) throw withheld(`the prompt was blocked (${blockReason})`);
  const [candidate] = response.candidates ?? [];
  if (candidate?.finishReason && WITHHELD.has(candidate.finishReason)) throw withheld(`the answer was stopped (${candidate.finishReason})`);
  const parts = candidate?.content?.parts ?? [];
  return parts
    .filter((part) => !part.thought)
    .map((part) => part.text ?? '')
    .join('');
}

function withheld(reason: string): ModelCallError {
  return new ModelCallError(`${PROVIDER} withheld the answer: ${reason}`, PROVIDER, false);
}

function usageOf(response: GenerateContentResponse): ModelResponse['usage'] {
  const usage = response.usageMetadata;
  // 2.5 models bill their thinking as output tokens, reported apart from the candidates.
  return { inputTokens: usage?.promptTokenCount ?? 0, outputTokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0) };
}

function classifyGeminiFailure(error: unknown): ModelCallError {
  if (error instanceof ApiError) return statusFailure(PROVIDER, error.status, apiErrorMessage(error), error);
  return transportFailure(PROVIDER, error);
}

/** An ApiError's message is the whole error body as JSON; the API's own sentence is in `error.message`. */
function apiErrorMessage(error: ApiError): string {
  try {
    const body: unknown = JSON.parse(error.message);
    const message = isRecord(body) && isRecord(body.error) ? body.error.message : undefined;
    return typeof message === 'string' && message !== '' ? message : error.message;
  } catch {
    return error.message;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
