import { copyFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import type { ScreenDrift } from '../src/app/screens/compare-screens.js';
import { loadConfig } from '../src/config/load-config.js';
import type { DriftSeverity } from '../src/drift/severity.js';
import { runProcess } from '../src/media/run-process.js';
import { scratchDir } from './helpers/media-fixtures.js';

/**
 * Drift severity on frames of real apps (tests/fixtures/real-screens/, cut from the recordings in
 * tests/corpus/; README.md there says where each came from and why it has the severity it has),
 * compared the way `vaider diff` compares them: the application's compare, real OCR.
 */

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'real-screens');
const BIN = path.join(import.meta.dirname, '..', 'bin', 'vaider.js');

let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-real-screens-'));
  // Copies, since each comparison writes an interactions folder beside the current screen. One Vaider
  // for every pair: its provider reads each file once, however many pairs share it.
  for (const file of (await readdir(FIXTURES)).filter((f) => f.endsWith('.png'))) await copyFile(path.join(FIXTURES, file), path.join(dir, file));
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
});
afterAll(async () => {
  await vaider?.close();
  await cleanup();
});

const screen = (name: string) => path.join(dir, `${name}.png`);
const compare = (baseline: string, current: string, options: { ignoreRegions?: Array<{ x: number; y: number; width: number; height: number }>; maskPath?: string } = {}) =>
  vaider.compare({ baseline: screen(baseline), current: screen(current), ...options });

const textChanges = (d: ScreenDrift) => [
  ...d.text.changed.map((c) => `${c.before} → ${c.after}`),
  ...d.text.added.map((a) => `+ ${a.text}`),
  ...d.text.removed.map((r) => `- ${r.text}`),
];

interface Pair {
  what: string;
  baseline: string;
  current: string;
  severity: DriftSeverity;
  check?: (d: ScreenDrift) => void;
}

const PAIRS: Pair[] = [
  {
    what: 'the same terminal screen in two frames of an h264 recording (compression noise only)',
    baseline: 'xterm-summary-a',
    current: 'xterm-summary-b',
    severity: 'none',
    check: (d) => expect(d.regions).toEqual([]),
  },
  {
    what: "a status word changed on a standing page ('Apollo — active' → 'Apollo — archived')",
    baseline: 'swal-active',
    current: 'swal-archived',
    severity: 'functional',
    check: (d) => expect(d.text.changed).toEqual([expect.objectContaining({ before: expect.stringMatching(/active/), after: expect.stringMatching(/archived/) })]),
  },
  {
    what: "a number changed in a standing dialog ('Current Progress: 31%' → '36%')",
    baseline: 'progress-31',
    current: 'progress-36',
    severity: 'functional',
    check: (d) => expect(d.text.changed).toEqual([expect.objectContaining({ before: expect.stringMatching(/31%/), after: expect.stringMatching(/36%/) })]),
  },
  {
    what: 'a theme switched: every colour of the editor changed, and the theme selector reads another word',
    baseline: 'codemirror-dracula',
    current: 'codemirror-monokai',
    severity: 'functional',
    check: (d) => expect(textChanges(d).join('\n')).toMatch(/monokai/),
  },
  {
    what: 'a confirmation dialog opened over a dark page',
    baseline: 'swal-page',
    current: 'swal-confirm',
    severity: 'functional',
    check: (d) => expect(d.text.added.map((a) => a.text)).toEqual(expect.arrayContaining(['Yes, archive it', 'Keep it'])),
  },
  {
    what: 'a modal form opened over a page it greys out',
    baseline: 'modal-page',
    current: 'modal-open',
    severity: 'functional',
    check: (d) => expect(d.text.added.map((a) => a.text)).toEqual(expect.arrayContaining(['Create an account', 'Cancel'])),
  },
  {
    what: "an error toast ('Payment declined', the same words as the form's input on both screens)",
    baseline: 'notyf-page',
    current: 'notyf-declined',
    severity: 'functional',
    check: (d) => expect(d.severityReason).toMatch(/error message appeared: 'Payment declined'/),
  },
  {
    what: "an error dialog ('Session expired')",
    baseline: 'swal-page',
    current: 'swal-expired',
    severity: 'functional',
    check: (d) => expect(d.severityReason).toMatch(/error message appeared: 'Session expired'/),
  },
  {
    what: 'a validation message in place of the form hint',
    baseline: 'modal-short-name',
    current: 'modal-length-error',
    severity: 'functional',
    check: (d) => expect(textChanges(d).join('\n')).toMatch(/Length of username must be between/),
  },
  {
    what: 'the page did not render: a blank frame where the todo list was',
    baseline: 'todo-list',
    current: 'todo-blank',
    severity: 'critical',
    check: (d) => expect(d.severityReason).toMatch(/lines of text are gone: the screen did not render/),
  },
  {
    what: "another page in the screen's place: the 2048 game where the jQuery UI form page was",
    baseline: 'modal-page',
    current: '2048-game',
    severity: 'critical',
    check: (d) => expect(d.severityReason).toMatch(/another page is in its place/),
  },
  {
    what: 'a caret blinking in an editor: a 1 px line, no text changed (OCR reads the rest of the page alike)',
    baseline: 'codemirror-caret-on',
    current: 'codemirror-caret-off',
    severity: 'cosmetic',
    check: (d) => expect(d.text).toEqual({ added: [], removed: [], changed: [] }),
  },
];

describe('drift severity on pairs of real app screens', () => {
  for (const { what, baseline, current, severity, check } of PAIRS) {
    it(`${severity}: ${what}`, async () => {
      const d = await compare(baseline, current);
      // The reason and the text changes ride along, so a failure says what was seen.
      expect({ severity: d.severity, reason: d.severityReason, text: textChanges(d) }).toMatchObject({ severity });
      check?.(d);
    });
  }
});

describe('ignore regions and masks hide the text under them, on a real screen', () => {
  // The download dialog's progress label: 'Current Progress: 31%' at 267,249 203×15; its digits changed
  // (444,249 10×12), and the progress bar's edge moved by a pixel (363,287).
  const label = { x: 260, y: 242, width: 220, height: 30 };
  const digits = { x: 436, y: 242, width: 44, height: 26 };

  it('an ignore box over the label, or over its changing digits only, leaves the label out: the bar moving is cosmetic', async () => {
    for (const box of [label, digits]) {
      const d = await compare('progress-31', 'progress-36', { ignoreRegions: [box] });
      expect({ severity: d.severity, text: textChanges(d) }).toEqual({ severity: 'cosmetic', text: [] });
    }
  });

  it('an ignore box touching the label away from its change does not hide the change', async () => {
    const d = await compare('progress-31', 'progress-36', { ignoreRegions: [{ x: 260, y: 242, width: 40, height: 30 }] });
    expect(d.severity).toBe('functional');
    expect(d.text.changed).toEqual([expect.objectContaining({ after: expect.stringMatching(/36%/) })]);
  });

  it('a mask image over the label does the same', async () => {
    const mask = path.join(dir, 'progress-label-mask.png');
    await sharp({ create: { width: 800, height: 600, channels: 3, background: 'black' } })
      .composite([{ input: { create: { ...label, channels: 3, background: 'white' } }, left: label.x, top: label.y }])
      .png()
      .toFile(mask);
    const d = await compare('progress-31', 'progress-36', { maskPath: mask });
    expect({ severity: d.severity, text: textChanges(d) }).toEqual({ severity: 'cosmetic', text: [] });
  });

  it('vaider diff --ignore over the changing digits: COSMETIC, exit 0', async () => {
    const run = await runProcess(
      process.execPath,
      [BIN, 'diff', screen('progress-31'), screen('progress-36'), '--ignore', `${digits.x},${digits.y},${digits.width},${digits.height}`, '--root', dir, '--json'],
      { cwd: dir },
    );
    expect({ code: run.code, result: JSON.parse(run.stdout.toString('utf8')) }).toMatchObject({ code: 0, result: { severity: 'cosmetic', text: { changed: [], added: [], removed: [] } } });
  });
});
