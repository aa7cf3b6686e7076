/** One exchange with a model service, as the interactions log and the run's accounting see it. */
export interface ModelCallRecord {
  operation: 'describe' | 'verify' | 'find_element' | 'compare';
  provider: string;
  model: string;
  request: {
    system: string;
    prompt: string;
    /** Paths of the images sent: never their bytes. */
    images: string[];
    video: string | null;
    schema: string;
    temperature: number;
  };
  response: { text: string } | { error: string };
  latencyMs: number;
  imageCount: number;
  bytesSent: number;
  inputTokens: number;
  outputTokens: number;
  estimatedCostUsd: number;
  cached: boolean;
}

export interface FallbackRecord {
  from: string;
  to: string;
  reason: string;
}
