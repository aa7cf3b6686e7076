/**
 * Rough list prices in US$ per million tokens (input, output), for the cost estimate in the run
 * summary. Unknown models (and local servers: Ollama, vLLM, LM Studio) count as free. Update freely:
 * nothing but the estimate depends on them.
 */
const PRICES: Array<{ match: RegExp; input: number; output: number }> = [
  { match: /^gemini-2\.5-flash-lite/, input: 0.1, output: 0.4 },
  { match: /^gemini-2\.5-flash/, input: 0.3, output: 2.5 },
  { match: /^gemini-2\.5-pro/, input: 1.25, output: 10 },
  { match: /^gpt-4o-mini/, input: 0.15, output: 0.6 },
  { match: /^gpt-4o/, input: 2.5, output: 10 },
  { match: /^gpt-4\.1-mini/, input: 0.4, output: 1.6 },
];

export function estimatedCostUsd(provider: string, model: string, inputTokens: number, outputTokens: number): number {
  if (provider === 'ollama') return 0;
  const price = PRICES.find((p) => p.match.test(model));
  if (!price) return 0;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}
