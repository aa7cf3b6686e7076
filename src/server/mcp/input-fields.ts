import { z } from 'zod';
import { PROVIDER_IDS } from '../../config/schema.js';
import { MAX_EXPECTATION_LENGTH, MAX_EXPECTATIONS } from '../../app/analysis/expectation-limits.js';

/** Input fields several tools share, described once. */

export const pathField = z
  .string()
  .min(1)
  .describe('The video (.mp4, .webm, .mov, .mkv) or screenshot (.png, .jpg, .webp): absolute, or relative to the project root. Must be inside the allowed roots.');

export const expectationsField = z
  .array(z.string().min(1).max(MAX_EXPECTATION_LENGTH))
  .max(MAX_EXPECTATIONS)
  .describe("What the screen should show, one sentence each, with exact text quoted: \"shows 'Welcome, Alice'\", \"no error message\", \"1. 'Sign in' 2. 'Dashboard'\".");

export const providerField = z
  .enum(PROVIDER_IDS)
  .optional()
  .describe('Vision provider; default from VaiderRules.json. "local" is offline OCR: it answers uncertain for colour, layout and icons.');

export const keyframesField = z.number().int().min(2).max(200).optional().describe('Most keyframes to keep (default 24).');

export const noCacheField = z
  .boolean()
  .optional()
  .describe('Analyze again even if the same content was analyzed the same way before (default false: reuse).');

export const runIdField = z.string().min(1).describe('A run id from vaider_analyze_video, vaider_verify_video or vaider_list_runs.');
