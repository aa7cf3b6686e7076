import { VaiderError } from '../base/errors.js';
import type { CallContext, VisionProvider } from './types.js';

/** Failures of a provider, not of the input or the caller: the next provider may well succeed. */
function isProviderFailure(error: unknown): boolean {
  return error instanceof VaiderError && (error.code === 'MODEL_UNAVAILABLE' || error.code === 'MODEL_OUTPUT_INVALID');
}

/**
 * The fallback chain of VaiderRules (`vision.provider` then `vision.fallback`, local last): each
 * operation goes to the first provider that answers. A provider whose circuit is open fails at once,
 * so the chain moves on without waiting.
 */
export function createFallbackProvider(chain: VisionProvider[]): VisionProvider {
  if (chain.length === 1) return chain[0]!;
  const attempt = async <T>(ctx: CallContext | undefined, call: (p: VisionProvider) => Promise<T>): Promise<T> => {
    for (let i = 0; ; i++) {
      const provider = chain[i]!;
      try {
        return await call(provider);
      } catch (error) {
        const next = chain[i + 1];
        if (!next || !isProviderFailure(error) || ctx?.signal?.aborted) throw error;
        await ctx?.onFallback?.({ from: provider.id, to: next.id, reason: (error as Error).message });
      }
    }
  };
  const first = chain[0]!;
  return {
    id: first.id,
    capabilities: first.capabilities,
    unavailable: first.unavailable,
    describe: (evidence, ctx) => attempt(ctx, (p) => p.describe(evidence, ctx)),
    verify: (evidence, expectations, ctx) => attempt(ctx, (p) => p.verify(evidence, expectations, ctx)),
    ocr: (image, ctx) => attempt(ctx, (p) => p.ocr(image, ctx)),
    ocrFrame: (image, ctx) => attempt(ctx, (p) => p.ocrFrame(image, ctx)),
    findElement: (image, target, ctx) => attempt(ctx, (p) => p.findElement(image, target, ctx)),
    embed: (image, ctx) => attempt(ctx, (p) => p.embed(image, ctx)),
    compare: (before, after, ctx) => attempt(ctx, (p) => p.compare(before, after, ctx)),
    // The members are shared (local serves every chain) and closed by whoever made them.
    close: async () => undefined,
  };
}
