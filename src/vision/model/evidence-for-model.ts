import { scaledImageFile, type ScaledFile } from '../../media/scaled-image.js';
import type { Evidence } from '../../screen/verdict.js';
import type { FrameRef, ScreenEvidence } from '../types.js';
import type { OcrResult } from '../../screen/ocr-text.js';
import type { VerifyAnswer } from './answer-schemas.js';
import type { ModelClientCapabilities } from './model-client.js';

/** Evenly spread picks that keep the first and the last: what fits in a model's image limit. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const picked = new Set(Array.from({ length: max }, (_, i) => Math.round((i * (items.length - 1)) / (max - 1))));
  return items.filter((_, i) => picked.has(i));
}

export interface ModelEvidence {
  /** The keyframes shown, in order; the model cites them 1-based. */
  sent: FrameRef[];
  images: ScaledFile[];
  /** What the timeline read on each sent keyframe. */
  ocr: OcrResult[];
}

/**
 * The keyframes that fit the model's image limit, scaled, with the text the timeline read on each:
 * the same evidence the offline judge used, nothing read twice.
 */
export async function evidenceForModel(evidence: ScreenEvidence, capabilities: ModelClientCapabilities): Promise<ModelEvidence> {
  const sent = spread(evidence.frames, capabilities.maxImages);
  const images = await Promise.all(sent.map((f) => scaledImageFile(f.path, capabilities.maxImageSide)));
  const ocr: OcrResult[] = sent.map((frame) => {
    const state = evidence.timeline.states.find((s) => s.keyframe === frame.index) ?? evidence.timeline.states.findLast((s) => s.start <= frame.time);
    const lines = state?.lines ?? [];
    return { width: frame.width, height: frame.height, text: lines.map((l) => l.text).join('\n'), lines };
  });
  return { sent, images, ocr };
}

/** The model cites a keyframe or a time range; the evidence is the range, shown by a saved frame. */
export async function citedEvidence(cited: VerifyAnswer['results'][number], sent: FrameRef[], evidence: ScreenEvidence): Promise<Evidence | null> {
  const keyframe = cited.evidence_keyframe !== null ? sent[cited.evidence_keyframe - 1] : undefined;
  const time = cited.evidence_time ?? keyframe?.time;
  if (time === undefined) return null;
  const end = Math.max(time, cited.evidence_end ?? time);
  const frame = keyframe && cited.evidence_time === null ? { index: keyframe.index, path: keyframe.path } : await evidence.frameAt(time);
  return { frameIndex: frame.index, time, end, path: frame.path };
}
