import type { Attempt } from '../../interactions/interaction-log.js';
import type { CallContext } from '../../vision/types.js';

/** What the model calls of one analysis added up to: the run summary's accounting. */
export interface ModelUsage {
  calls: number;
  cached_calls: number;
  images: number;
  bytes_sent: number;
  input_tokens: number;
  output_tokens: number;
  estimated_cost_usd: number;
  fallbacks: number;
}

export function emptyUsage(): ModelUsage {
  return { calls: 0, cached_calls: 0, images: 0, bytes_sent: 0, input_tokens: 0, output_tokens: 0, estimated_cost_usd: 0, fallbacks: 0 };
}

/**
 * The hooks an analysis gives its provider: every model exchange becomes numbered
 * `NN_remote_<operation>_request/response.json` files (images by path) and `remote.*` events in
 * server.log, and is added to the usage.
 */
export function modelCallRecorder(log: Attempt, usage: ModelUsage): Pick<CallContext, 'onModelCall' | 'onFallback'> {
  return {
    async onModelCall(record) {
      usage.calls++;
      if (record.cached) usage.cached_calls++;
      usage.images += record.cached ? 0 : record.imageCount;
      usage.bytes_sent += record.bytesSent;
      usage.input_tokens += record.inputTokens;
      usage.output_tokens += record.outputTokens;
      usage.estimated_cost_usd += record.estimatedCostUsd;
      const accounting = {
        provider: record.provider,
        model: record.model,
        latency_ms: Math.round(record.latencyMs),
        images: record.imageCount,
        bytes_sent: record.bytesSent,
        input_tokens: record.inputTokens,
        output_tokens: record.outputTokens,
        estimated_cost_usd: Number(record.estimatedCostUsd.toFixed(6)),
        cached: record.cached,
      };
      await log.event('remote.request', { operation: record.operation, provider: record.provider, model: record.model, images: record.request.images });
      await log.exchange(`remote_${record.operation}`, record.request, { ...record.response, ...accounting });
      await log.event('error' in record.response ? 'remote.error' : 'remote.response', { operation: record.operation, ...accounting });
    },
    async onFallback(record) {
      usage.fallbacks++;
      await log.event('remote.fallback', { ...record });
    },
  };
}
