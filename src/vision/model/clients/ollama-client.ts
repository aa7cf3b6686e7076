import { Ollama, type ChatResponse } from 'ollama';
import { ModelCallError, type ModelClient, type ModelRequest, type ModelResponse } from '../model-client.js';
import { errorCodes, statusFailure, transportFailure } from './call-failures.js';
import { readMediaFile } from './read-media-file.js';
import { runVendorCall } from './vendor-call.js';
import { CLIENT_CAPABILITIES } from './client-capabilities.js';

export interface OllamaClientOptions {
  /** Default `$OLLAMA_HOST`, else `http://127.0.0.1:11434`. */
  host?: string;
  /** Default `qwen2.5vl`. */
  model?: string;
  /** Deadline per call. Default 300 s. */
  timeoutMs?: number;
}

const PROVIDER = 'ollama';
const DEFAULT_HOST = 'http://127.0.0.1:11434';
const DEFAULT_MODEL = 'qwen2.5vl';
/** A local model is loaded into memory on its first call and may well run on the CPU. */
const DEFAULT_TIMEOUT_MS = 300_000;
/** Enough of an error page to say what went wrong. */
const MAX_ERROR_TEXT = 500;

export function createOllamaClient(options: OllamaClientOptions = {}): ModelClient {
  const host = options.host ?? process.env.OLLAMA_HOST ?? DEFAULT_HOST;
  const model = options.model ?? DEFAULT_MODEL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send(request: ModelRequest, signal: AbortSignal): Promise<ModelResponse> {
    const ollama = ollamaFor(host, signal);
    const images = await Promise.all(request.images.map((image) => readMediaFile(PROVIDER, image.path)));
    let response: ChatResponse;
    try {
      response = await ollama.chat({
        model,
        messages: [
          { role: 'system', content: request.system },
          // The SDK sends image bytes as base64, which is what Ollama's API takes.
          { role: 'user', content: request.prompt, images },
        ],
        format: request.schema,
        options: { temperature: request.temperature },
        stream: false,
      });
    } catch (error) {
      if (isMissingModel(error)) throw await missingModelFailure(ollama, model, error);
      throw error;
    }
    return {
      text: response.message.content,
      model: response.model || model,
      // Ollama leaves out prompt_eval_count when the whole prompt came from its cache.
      usage: { inputTokens: response.prompt_eval_count ?? 0, outputTokens: response.eval_count ?? 0 },
    };
  }

  return {
    provider: PROVIDER,
    model,
    capabilities: CLIENT_CAPABILITIES.ollama,
    complete(request) {
      return runVendorCall({ provider: PROVIDER, timeoutMs, signal: request.signal }, (signal) => send(request, signal), (error) =>
        classifyOllamaFailure(error, host),
      );
    },
  };
}

/** The models the Ollama server at `host` has pulled, as it names them (`qwen2.5vl:latest`). */
export async function listOllamaModels(host: string, signal: AbortSignal = AbortSignal.timeout(10_000)): Promise<string[]> {
  return installedModels(ollamaFor(host, signal));
}

async function installedModels(ollama: Ollama): Promise<string[]> {
  const { models } = await ollama.list();
  return models.map((entry) => entry.name);
}

function ollamaFor(host: string, signal: AbortSignal): Ollama {
  return new Ollama({ host, fetch: quietFetch(signal) });
}

/**
 * Every request the SDK makes goes through here: its non-streaming calls take no signal, and it
 * prints to stdout when an error body is not JSON, which would corrupt the CLI's JSON output. Error
 * bodies are therefore rewritten to the `{ error }` JSON Ollama itself sends.
 */
function quietFetch(signal: AbortSignal): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, { ...init, signal });
    if (response.ok) return response;
    const error = errorText(await response.text()) || `${response.status} ${response.statusText}`;
    return Response.json({ error }, { status: response.status, statusText: response.statusText });
  };
}

function errorText(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed && typeof parsed.error === 'string') return parsed.error;
  } catch {
    // Not JSON: a proxy's error page, say. Its text is the message.
  }
  return body.trim().slice(0, MAX_ERROR_TEXT);
}

/** The SDK's ResponseError class is not exported: it is known by its `status_code` and `error`. */
function responseErrorOf(error: unknown): { status: number; message: string } | undefined {
  if (!(error instanceof Error) || !('status_code' in error) || typeof error.status_code !== 'number') return undefined;
  return { status: error.status_code, message: error.message };
}

/** Ollama answers a chat for a model it has not pulled with 404 `model "x" not found`. */
function isMissingModel(error: unknown): boolean {
  const failure = responseErrorOf(error);
  return failure?.status === 404 && /model .* not found/i.test(failure.message);
}

async function missingModelFailure(ollama: Ollama, model: string, cause: unknown): Promise<ModelCallError> {
  const installed = await installedModels(ollama).catch(() => undefined);
  const listing = installed === undefined ? '' : installed.length > 0 ? ` (installed: ${installed.join(', ')})` : ' (none installed)';
  return new ModelCallError(`Ollama has no model "${model}": run ollama pull ${model}${listing}`, PROVIDER, false, 404, { cause });
}

function classifyOllamaFailure(error: unknown, host: string): ModelCallError {
  const failure = responseErrorOf(error);
  if (failure) return statusFailure(PROVIDER, failure.status, failure.message, error);
  if (errorCodes(error).includes('ECONNREFUSED')) {
    const message = error instanceof Error ? error.message : String(error);
    return new ModelCallError(`${PROVIDER} is not reachable at ${withoutCredentials(host)} (is "ollama serve" running?): ${message}`, PROVIDER, true, undefined, {
      cause: error,
    });
  }
  return transportFailure(PROVIDER, error);
}

/** A remote Ollama behind a proxy may carry a password in its URL; messages show the host alone. */
function withoutCredentials(host: string): string {
  try {
    const url = new URL(host);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return host.replace(/^[^@/]*@/, '');
  }
}
