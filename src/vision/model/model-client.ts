import { VaiderError } from '../../base/errors.js';

/**
 * The one thing a vendor SDK does for Vaider: send a prompt with images and a JSON Schema, and return
 * the model's JSON text with its usage. Prompting, validation, retries, caching and accounting live
 * above this, shared by every vendor; each vendor SDK is imported only in its own client file.
 */

export interface ModelImage {
  /** Path of the PNG or JPEG on disk: logs refer to it, clients read it. */
  path: string;
  mimeType: 'image/png' | 'image/jpeg';
}

export interface ModelVideo {
  path: string;
  mimeType: 'video/mp4' | 'video/webm';
}

export interface ModelRequest {
  /** Instructions no page text can imitate: sent in the vendor's system slot. */
  system: string;
  /** The task, with untrusted screen text fenced inside it. */
  prompt: string;
  images: ModelImage[];
  /** Only for clients whose capabilities say nativeVideo. */
  video?: ModelVideo;
  /** JSON Schema of the answer (draft 2020-12, from zod). */
  schema: Record<string, unknown>;
  /** A short name for the schema, where the vendor wants one (OpenAI's json_schema.name). */
  schemaName: string;
  temperature: number;
  signal?: AbortSignal;
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ModelResponse {
  /** The model's answer: JSON text, validated above. */
  text: string;
  /** The model that answered, as the vendor names it. */
  model: string;
  usage: ModelUsage;
}

export interface ModelClientCapabilities {
  /** Takes a whole video file (Gemini's file upload). */
  nativeVideo: boolean;
  /** Constrains its output to a JSON Schema. */
  structuredOutput: boolean;
  /** Most images in one request. */
  maxImages: number;
  /** Longest image side it is worth sending; larger keyframes are scaled down first. */
  maxImageSide: number;
}

export interface ModelClient {
  /** `gemini`, `openai`, `ollama`, `sampling`. */
  readonly provider: string;
  readonly model: string;
  readonly capabilities: ModelClientCapabilities;
  /** Why the client cannot answer at all (no API key): every call fails, and front ends say so up front. */
  readonly unavailable?: string;
  complete(request: ModelRequest): Promise<ModelResponse>;
}

/**
 * A failed call, classified so the caller can decide: `retryable` for 429/5xx, timeouts and dropped
 * connections; not for bad keys, missing models or bad requests. To front ends it is
 * MODEL_UNAVAILABLE, like any VaiderError.
 */
export class ModelCallError extends VaiderError {
  constructor(
    message: string,
    readonly provider: string,
    readonly retryable: boolean,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super('MODEL_UNAVAILABLE', message, { provider, ...(status !== undefined && { status }) }, options);
  }
}
