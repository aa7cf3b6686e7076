import { verdictFromResults } from './expectations/verify-expectations.js';
import type { VisionProvider } from './types.js';

export type Escalation = 'never' | 'uncertain' | 'always';

/**
 * The cost ladder. With `uncertain` the offline provider answers first and the model is asked only
 * about the expectations it could not judge: a text OCR read with certainty is never sent, so page
 * text can never talk the model into overturning it. `always` asks the model everything; `never`
 * nothing.
 */
export function createEscalatingProvider(local: VisionProvider, model: VisionProvider, escalation: Escalation): VisionProvider {
  if (escalation === 'never') return local;
  if (escalation === 'always') return model;
  return {
    id: model.id,
    capabilities: model.capabilities,
    unavailable: model.unavailable,
    // Describing is OCR's job at this rung; a model describes when escalation is `always`.
    describe: (evidence, ctx) => local.describe(evidence, ctx),
    async verify(evidence, expectations, ctx) {
      const first = await local.verify(evidence, expectations, ctx);
      const unsure = first.results.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 'uncertain');
      if (unsure.length === 0) return first;
      const second = await model.verify(
        evidence,
        unsure.map(({ r }) => r.expectation),
        ctx,
      );
      const results = [...first.results];
      unsure.forEach(({ i }, k) => {
        results[i] = second.results[k]!;
      });
      return verdictFromResults(results);
    },
    ocr: (image, ctx) => local.ocr(image, ctx),
    ocrFrame: (image, ctx) => local.ocrFrame(image, ctx),
    embed: (image, ctx) => local.embed(image, ctx),
    // Pixels and OCR say where and which text; a visual change with no text change needs the model's words.
    async compare(before, after, ctx) {
      const first = await local.compare(before, after, ctx);
      if (first.changes.length > 0 || first.regions.length === 0) return first;
      const second = await model.compare(before, after, ctx);
      return { ...first, changes: second.changes };
    },
    async findElement(image, target, ctx) {
      return (await local.findElement(image, target, ctx)) ?? model.findElement(image, target, ctx);
    },
    close: () => model.close(),
  };
}
