/** The providers' names, apart from the schema so that help and --version load no zod. */
export const PROVIDER_IDS = ['local', 'gemini', 'openai', 'ollama', 'sampling'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
export const MODEL_PROVIDER_IDS = ['gemini', 'openai', 'ollama'] as const;
export type ModelProviderId = (typeof MODEL_PROVIDER_IDS)[number];
