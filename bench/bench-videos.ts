import { existsSync } from 'node:fs';
import path from 'node:path';
import { makeVideo, type ScreenSpec, type TimedScreen } from '../tests/helpers/media-fixtures.js';
import { workDir } from './bench-utils.js';

const PALETTE = ['0x1a73e8', '0xd93025', '0x188038', '0xf9ab00', '0x9334e6', '0x202124'];

/** A UI-like screen: a header bar, a title, a paragraph and a button, all different per screen. */
function screen(i: number): ScreenSpec {
  const accent = PALETTE[i % PALETTE.length]!;
  return {
    background: 'white',
    boxes: [
      { x: 0, y: 0, w: 1280, h: 80, color: accent },
      { x: 80 + (i % 4) * 40, y: 520, w: 320, h: 64, color: accent },
    ],
    texts: [
      { text: `Acme Console · Page ${i + 1}`, x: 40, y: 22, size: 32, color: 'white' },
      { text: `Screen ${i + 1}: ${['Login', 'Dashboard', 'Orders', 'Settings', 'Profile', 'Billing'][i % 6]}`, x: 80, y: 160, size: 48 },
      { text: `Item count ${i * 7 + 3}, updated ${i + 1} minutes ago`, x: 80, y: 280, size: 28, color: '0x333333' },
      { text: `Continue ${i + 1}`, x: 120 + (i % 4) * 40, y: 536, size: 30, color: 'white' },
    ],
  };
}

export interface BenchVideo {
  file: string;
  /** When each distinct screen appears (s). */
  screenStarts: number[];
  duration: number;
}

/** Generated once and kept in bench/.work; regenerated when missing. */
export async function benchVideo(seconds: number, screens: number): Promise<BenchVideo> {
  const hold = seconds / screens;
  const timed: TimedScreen[] = Array.from({ length: screens }, (_, i) => ({ screen: screen(i), start: i * hold, end: (i + 1) * hold }));
  const file = path.join(await workDir('videos'), `ui-${seconds}s-${screens}screens-720p.mp4`);
  if (!existsSync(file)) await makeVideo(file, timed, { width: 1280, height: 720, fps: 25 });
  return { file, screenStarts: timed.map((t) => t.start), duration: seconds };
}
