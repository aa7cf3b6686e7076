import type { KeyframeSettings } from '../../src/media/keyframe-types.js';

/** The defaults of VaiderRules, as the media layer receives them. */
export const DEFAULT_KEYFRAME_SETTINGS: KeyframeSettings = {
  max: 24,
  stableMs: 500,
  sampleFps: 10,
  contactSheet: true,
  maxDimension: 3840,
  maxDuration: 1800,
};
