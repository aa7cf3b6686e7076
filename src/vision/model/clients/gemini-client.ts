import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GoogleGenerativeAI,
  GoogleGenerativeAIRequestInputError,
  GoogleGenerativeAIResponseError,
  type GenerateContentResponse,
  type Part,
  type ResponseSchema,
} from '@google/generative-ai';
import { FileState, GoogleAIFileManager, type FileMetadataResponse, type SingleRequestOptions } from '@google/generative-ai/server';
import { ModelCallError, type ModelClient, type ModelClientCapabilities, type ModelRequest, type ModelResponse, type ModelVideo } from '../model-client.js';
import { statusFailure, transportFailure } from './call-failures.js';
import { toGeminiSchema, UnsupportedGeminiSchemaError, type GeminiSchema } from './gemini-schema.js';
import { readMediaFile } from './read-media-file.js';
import { runVendorCall } from './vendor-call.js';

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

const GEMINI_CAPABILITIES: ModelClientCapabilities = {
  nativeVideo: true,
  structuredOutput: true,
  maxImages: 16,
  maxImageSide: 1536,
};

export function createGeminiClient(options: GeminiClientOptions): ModelClient {
  const model = options.model ?? DEFAULT_MODEL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const videoPollMs = options.videoPollMs ?? DEFAULT_VIDEO_POLL_MS;
  const genAI = new GoogleGenerativeAI(options.apiKey);
  const endpoint = { baseUrl: options.baseUrl, apiVersion: API_VERSION };

  const fileManager = (signal: AbortSignal): GoogleAIFileManager => {
    // The file manager reads its signal from the options it was built with, so one per call.
    const requestOptions: SingleRequestOptions = { ...endpoint, signal };
    return new GoogleAIFileManager(options.apiKey, requestOptions);
  };

  async function send(request: ModelRequest, responseSchema: GeminiSchema, signal: AbortSignal): Promise<ModelResponse> {
    const files = fileManager(signal);
    const uploaded = request.video && (await uploadVideo(files, request.video));
    try {
      const video = uploaded && (await waitUntilActive(files, uploaded, videoPollMs, signal));
      const parts: Part[] = video ? [{ fileData: { fileUri: video.uri, mimeType: video.mimeType } }] : [];
      for (const image of request.images) {
        const bytes = await readMediaFile(PROVIDER, image.path);
        parts.push({ inlineData: { mimeType: image.mimeType, data: bytes.toString('base64') } });
      }
      // Media first, then the task: Google's guidance for multimodal prompts.
      parts.push({ text: request.prompt });
      const generative = genAI.getGenerativeModel(
        {
          model,
          systemInstruction: request.system,
          generationConfig: {
            temperature: request.temperature,
            responseMimeType: 'application/json',
            // The SDK's Schema type predates fields the v1beta API takes (anyOf, propertyOrdering, bounds).
            responseSchema: responseSchema as ResponseSchema,
          },
        },
        endpoint,
      );
      const { response } = await generative.generateContent({ contents: [{ role: 'user', parts }] }, { signal });
      return { text: response.text(), model: answeringModel(response, model), usage: usageOf(response) };
    } finally {
      if (uploaded) await deleteQuietly(options.apiKey, endpoint, uploaded.name);
    }
  }

  return {
    provider: PROVIDER,
    model,
    capabilities: GEMINI_CAPABILITIES,
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

async function uploadVideo(files: GoogleAIFileManager, video: ModelVideo): Promise<FileMetadataResponse> {
  // Read asynchronously here: given a path, the SDK reads the whole video with readFileSync.
  const bytes = await readMediaFile(PROVIDER, video.path);
  const { file } = await files.uploadFile(bytes, { mimeType: video.mimeType, displayName: path.basename(video.path) });
  return file;
}

/** An uploaded video can be used only once Gemini has processed it. */
async function waitUntilActive(
  files: GoogleAIFileManager,
  uploaded: FileMetadataResponse,
  pollMs: number,
  signal: AbortSignal,
): Promise<FileMetadataResponse> {
  let file = uploaded;
  for (let polls = 0; file.state === FileState.PROCESSING; polls++) {
    if (polls === MAX_VIDEO_POLLS) {
      throw new ModelCallError(`${PROVIDER} was still processing the video after ${polls} checks`, PROVIDER, true);
    }
    await sleep(pollMs, undefined, { signal });
    file = await files.getFile(file.name);
  }
  if (file.state !== FileState.ACTIVE) {
    const reason = file.error?.message ? `: ${file.error.message}` : '';
    throw new ModelCallError(`${PROVIDER} could not process the video (${file.state}${reason})`, PROVIDER, false);
  }
  return file;
}

/**
 * Uploaded videos of the app under test may show private data: remove them as soon as the answer is in.
 * A failed removal is not the caller's problem (Gemini expires files after 48 hours), and it runs under
 * its own short deadline so that it still happens after the call was cancelled.
 */
async function deleteQuietly(apiKey: string, endpoint: { baseUrl?: string; apiVersion: string }, name: string): Promise<void> {
  const requestOptions: SingleRequestOptions = { ...endpoint, signal: AbortSignal.timeout(CLEANUP_TIMEOUT_MS) };
  await new GoogleAIFileManager(apiKey, requestOptions).deleteFile(name).catch(() => undefined);
}

/** The API names the exact version that answered (`modelVersion`), which the SDK's types omit. */
function answeringModel(response: GenerateContentResponse, requested: string): string {
  return 'modelVersion' in response && typeof response.modelVersion === 'string' ? response.modelVersion : requested;
}

function usageOf(response: GenerateContentResponse): ModelResponse['usage'] {
  const usage = response.usageMetadata;
  // 2.5 models bill their thinking as output tokens, reported apart from the candidates.
  const thoughts = usage && 'thoughtsTokenCount' in usage && typeof usage.thoughtsTokenCount === 'number' ? usage.thoughtsTokenCount : 0;
  return { inputTokens: usage?.promptTokenCount ?? 0, outputTokens: (usage?.candidatesTokenCount ?? 0) + thoughts };
}

const SDK_PREFIX = '[GoogleGenerativeAI Error]: ';

/**
 * The file manager is bundled with its own copies of the SDK's error classes, so HTTP failures are
 * recognised by their `status` rather than by class.
 */
function classifyGeminiFailure(error: unknown): ModelCallError {
  if (!(error instanceof Error)) return transportFailure(PROVIDER, error);
  const message = error.message.replace(SDK_PREFIX, '');
  if ('status' in error && typeof error.status === 'number') return statusFailure(PROVIDER, error.status, message, error);
  if (error instanceof GoogleGenerativeAIResponseError) {
    return new ModelCallError(`${PROVIDER} withheld the answer: ${message}`, PROVIDER, false, undefined, { cause: error });
  }
  if (error instanceof GoogleGenerativeAIRequestInputError) {
    return new ModelCallError(`${PROVIDER} rejected the request before sending it: ${message}`, PROVIDER, false, undefined, { cause: error });
  }
  // The SDK rewraps a failed fetch ("fetch failed", a reset socket) in a plain error and drops the cause.
  if (error.message.startsWith(`${SDK_PREFIX}Error fetching from`)) {
    return new ModelCallError(`${PROVIDER} connection failed: ${message}`, PROVIDER, true, undefined, { cause: error });
  }
  return transportFailure(PROVIDER, error);
}
