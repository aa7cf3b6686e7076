import type { ModelProviderId } from '../../../config/schema.js';
import type { ModelClientCapabilities } from '../model-client.js';

/**
 * What each model API takes. Kept apart from the clients, so deciding how to ask a model loads no SDK:
 * a client's module, and its SDK, are imported on its first call (vision/model-clients.ts).
 */
export const CLIENT_CAPABILITIES = {
  gemini: { nativeVideo: true, structuredOutput: true, maxImages: 16, maxImageSide: 1536 },
  openai: { nativeVideo: false, structuredOutput: true, maxImages: 10, maxImageSide: 2048 },
  ollama: { nativeVideo: false, structuredOutput: true, maxImages: 4, maxImageSide: 1024 },
} as const satisfies Record<ModelProviderId, ModelClientCapabilities>;
