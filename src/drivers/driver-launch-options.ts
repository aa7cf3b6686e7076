import path from 'node:path';
import { VaiderError } from '../base/errors.js';
import type { Viewport } from './browser-driver.js';
import { CHROMIUM_ARGS } from './system-chromium.js';

/** What both engines accept at launch. */
export interface DriverLaunchOptions {
  /** Default true; false drops `--headless` from CHROMIUM_ARGS (needs a display). */
  headless?: boolean;
  /** The page area in CSS pixels (default 1280×720). */
  viewport?: Viewport;
  /** A Chromium other than SYSTEM_CHROMIUM. */
  executablePath?: string;
}

export const DEFAULT_VIEWPORT: Viewport = { width: 1280, height: 720 };

export function chromiumArgs(headless: boolean): string[] {
  return headless ? [...CHROMIUM_ARGS] : CHROMIUM_ARGS.filter((arg) => arg !== '--headless');
}

export function checkedViewport(size: Viewport): Viewport {
  const { width, height } = size;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 16 || height < 16 || width > 7680 || height > 4320) {
    throw new VaiderError('BAD_ARGUMENT', `A viewport needs whole widths and heights from 16 to 7680×4320, not ${width}×${height}.`, { width, height });
  }
  return { width, height };
}

/** Each engine writes one container; a wrong extension would leave a file players misread. */
export function checkedRecordingPath(file: string, extension: '.webm' | '.mp4', engine: string): string {
  if (path.extname(file).toLowerCase() !== extension) {
    throw new VaiderError('BAD_ARGUMENT', `${engine} records ${extension} video; give a file ending in ${extension}, not ${file}.`, { file });
  }
  return path.resolve(file);
}
