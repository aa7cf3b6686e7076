import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVaider, type Vaider } from '../src/app/vaider.js';
import { loadConfig } from '../src/config/load-config.js';
import { LOGIN_ERROR_SCREEN, LOGIN_FLOW, LOGIN_SCREEN, WELCOME_SCREEN, makeScreenshot, makeVideo, scratchDir, type ScreenSpec } from './helpers/media-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
let vaider: Vaider;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir('vaider-drift-'));
  vaider = await openVaider(loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir] } }));
});
afterAll(async () => {
  await vaider.close();
  await cleanup();
});

const shot = (name: string, screen: ScreenSpec) => makeScreenshot(path.join(dir, `${name}.png`), screen);

describe('comparing two screens', () => {
  it('identical screens: severity none, no regions, no text changes', async () => {
    const a = await shot('same-a', LOGIN_SCREEN);
    const d = await vaider.compare({ baseline: a, current: a });
    expect(d).toMatchObject({ severity: 'none', similarity: 1, regions: [], text: { added: [], removed: [], changed: [] } });
    expect((await sharp(d.diffImage).metadata()).width).toBe(1280);
  });

  it('a renamed button is functional, with the text change in its place', async () => {
    const renamed: ScreenSpec = { ...LOGIN_SCREEN, texts: LOGIN_SCREEN.texts!.map((t) => (t.text === 'Sign In' ? { ...t, text: 'Log In' } : t)) };
    const d = await vaider.compare({ baseline: await shot('button-a', LOGIN_SCREEN), current: await shot('button-b', renamed) });
    expect(d.severity).toBe('functional');
    expect(d.text.changed).toEqual([expect.objectContaining({ before: 'Sign In', after: 'Log In' })]);
    const region = d.regions[0]!;
    expect(region.box.x).toBeGreaterThanOrEqual(420);
    expect(region.box.y).toBeGreaterThanOrEqual(400);
    expect(region.text).toContain('Log In');
  });

  it('an error banner appearing is functional, and names the message', async () => {
    const d = await vaider.compare({ baseline: await shot('banner-a', LOGIN_SCREEN), current: await shot('banner-b', LOGIN_ERROR_SCREEN) });
    expect(d.severity).toBe('functional');
    expect(d.severityReason).toMatch(/error message appeared: 'Invalid password'/);
    expect(d.text.added.map((a) => a.text)).toContain('Invalid password');
    const banner = d.regions[0]!.box;
    expect(Math.abs(banner.x - 440)).toBeLessThanOrEqual(16);
    expect(Math.abs(banner.y - 540)).toBeLessThanOrEqual(16);
  });

  it('a colour change or a moved button is structural; a screen gone blank is critical', async () => {
    const green: ScreenSpec = { ...LOGIN_SCREEN, boxes: [{ x: 440, y: 420, w: 400, h: 72, color: '0x188038' }] };
    const colour = await vaider.compare({ baseline: await shot('colour-a', LOGIN_SCREEN), current: await shot('colour-b', green) });
    expect(colour.severity).toBe('structural');
    expect(colour.ssim).toBeLessThan(1);

    const moved: ScreenSpec = { ...LOGIN_SCREEN, boxes: [{ x: 440, y: 500, w: 400, h: 72, color: '0x1a73e8' }], texts: LOGIN_SCREEN.texts!.map((t) => (t.text === 'Sign In' ? { ...t, y: 518 } : t)) };
    const move = await vaider.compare({ baseline: await shot('move-a', LOGIN_SCREEN), current: await shot('move-b', moved) });
    expect(move.severity).toBe('structural');
    expect(move.regions.length).toBeGreaterThan(0);

    const blank = await vaider.compare({ baseline: await shot('blank-a', WELCOME_SCREEN), current: await shot('blank-b', { background: 'white' }) });
    expect(blank.severity).toBe('critical');
  });

  it('a word changed on a screen that otherwise stands is functional; another page in its place is critical', async () => {
    const greeting = (name: string): ScreenSpec => ({
      background: 'white',
      texts: [
        { text: `Welcome, ${name}`, x: 440, y: 300, size: 56 },
        { text: name, x: 1100, y: 28, size: 30 },
      ],
    });
    // Every line of the screen changed, yet it rendered: the same screen for another user.
    const renamed = await vaider.compare({ baseline: await shot('name-a', greeting('Alice')), current: await shot('name-b', greeting('Alicia')) });
    expect(renamed.severity).toBe('functional');
    expect(renamed.text.changed.map((c) => c.after).sort()).toEqual(['Alicia', 'Welcome, Alicia']);

    const errorPage: ScreenSpec = {
      background: '0x3c0a0a',
      texts: [
        { text: '500 Internal Server Error', x: 440, y: 300, size: 56, color: 'white' },
        { text: 'Something went wrong', x: 440, y: 400, size: 30, color: 'white' },
      ],
    };
    const crashed = await vaider.compare({ baseline: await shot('page-a', WELCOME_SCREEN), current: await shot('page-b', errorPage) });
    expect(crashed.severity).toBe('critical');
    expect(crashed.ssim).toBeLessThan(0.6);
  });

  it('reports a size change and compares the overlap', async () => {
    const small = await makeScreenshot(path.join(dir, 'small.png'), LOGIN_SCREEN, 1024, 720);
    const d = await vaider.compare({ baseline: await shot('size-a', LOGIN_SCREEN), current: small });
    expect(d.sizeChange).toEqual({ from: { width: 1280, height: 720 }, to: { width: 1024, height: 720 } });
  });

  it('compares huge screens scaled down, and says so', async () => {
    const wide = (name: string, r: number) =>
      sharp({ create: { width: 4400, height: 200, channels: 3, background: { r, g: 255, b: 255 } } })
        .png()
        .toFile(path.join(dir, name))
        .then(() => path.join(dir, name));
    const d = await vaider.compare({ baseline: await wide('wide-a.png', 255), current: await wide('wide-b.png', 0) });
    expect(d.width).toBeLessThanOrEqual(4096);
    expect(d.warnings).toEqual([expect.stringMatching(/scaled down to fit/)]);
    const normal = await vaider.compare({ baseline: await shot('normal-a', LOGIN_SCREEN), current: await shot('normal-b', LOGIN_SCREEN) });
    expect(normal.warnings).toEqual([]);
  });

  it('leaves ignored regions out, the text inside them too', async () => {
    const d = await vaider.compare({
      baseline: await shot('ignore-a', LOGIN_SCREEN),
      current: await shot('ignore-b', LOGIN_ERROR_SCREEN),
      ignoreRegions: [{ x: 430, y: 530, width: 420, height: 90 }],
    });
    expect(d.regions).toEqual([]);
    expect(d).toMatchObject({ severity: 'none', text: { added: [], removed: [], changed: [] } });

    // With a change elsewhere the screens are read, and the ignored text still does not count.
    const renamedToo: ScreenSpec = { ...LOGIN_ERROR_SCREEN, texts: LOGIN_ERROR_SCREEN.texts!.map((t) => (t.text === 'Sign In' ? { ...t, text: 'Log In' } : t)) };
    const both = await vaider.compare({ baseline: await shot('ignore-c', LOGIN_SCREEN), current: await shot('ignore-d', renamedToo), ignoreRegions: [{ x: 430, y: 530, width: 420, height: 90 }] });
    expect(both.severity).toBe('functional');
    expect(both.text.added).toEqual([]);
    expect(both.text.changed.map((c) => c.after)).toEqual(['Log In']);
  });

  it('leaves the text under a mask out, as under an ignore region; a box that only touches a changed line does not hide it', async () => {
    const renamedToo: ScreenSpec = { ...LOGIN_ERROR_SCREEN, texts: LOGIN_ERROR_SCREEN.texts!.map((t) => (t.text === 'Sign In' ? { ...t, text: 'Log In' } : t)) };
    const [before, after] = [await shot('mask-a', LOGIN_SCREEN), await shot('mask-b', renamedToo)];
    // White (non-black) over the error banner: 'Invalid password' appeared under the mask.
    const mask = path.join(dir, 'banner-mask.png');
    await sharp({ create: { width: 1280, height: 720, channels: 3, background: 'black' } })
      .composite([{ input: { create: { width: 420, height: 90, channels: 3, background: 'white' } }, left: 430, top: 530 }])
      .png()
      .toFile(mask);
    const masked = await vaider.compare({ baseline: before, current: after, maskPath: mask });
    expect(masked.severity).toBe('functional');
    expect(masked.severityReason).not.toMatch(/Invalid password/);
    expect(masked.text).toEqual({ added: [], removed: [], changed: [expect.objectContaining({ before: 'Sign In', after: 'Log In' })] });

    // A box over the label's first letter: the rest of it changed outside the box, so the relabelling still counts.
    const edge = await vaider.compare({ baseline: before, current: after, ignoreRegions: [{ x: 570, y: 410, width: 30, height: 90 }] });
    expect(edge.text.changed).toEqual([expect.objectContaining({ before: 'Sign In', after: 'Log In' })]);
  });

  it('refuses a non-image and anything outside the roots', async () => {
    const a = await shot('bad-a', LOGIN_SCREEN);
    await expect(vaider.compare({ baseline: a, current: path.join(dir, 'missing.png') })).rejects.toMatchObject({ code: 'INPUT_NOT_FOUND' });
    await expect(vaider.compare({ baseline: '/etc/hostname', current: a })).rejects.toMatchObject({ code: 'PATH_OUTSIDE_ROOTS' });
  });
});

describe('baselines', () => {
  it('the first run creates the baseline; later runs report drift screen by screen; approving a run replaces it', async () => {
    const project = path.join(dir, 'project');
    const config = loadConfig({ cwd: dir, env: {}, overrides: { allowed_roots: [dir], drift: true, store_dir: path.join(project, '.vaider'), baselines_dir: path.join(project, 'baselines') } });
    const vaider = await openVaider(config);
    try {
      const video = path.join(dir, 'flow.mp4');
      await makeVideo(video, LOGIN_FLOW);
      const first = (await vaider.runs.analyze({ input: video })).run.result!;
      expect(first.drift).toMatchObject({ created: true, severity: 'none' });
      expect(existsSync(path.join(project, 'baselines', 'index.json'))).toBe(true);

      const bob: ScreenSpec = { ...WELCOME_SCREEN, texts: WELCOME_SCREEN.texts!.map((t) => (t.text === 'Welcome, Alice' ? { ...t, text: 'Welcome, Bob' } : t)) };
      await makeVideo(video, [...LOGIN_FLOW.slice(0, 2), { screen: bob, start: 4, end: 6 }]);
      const second = (await vaider.runs.analyze({ input: video })).run;
      const drift = second.result!.drift!;
      expect(drift.created).toBe(false);
      expect(drift.severity).toBe('functional');
      expect(drift.screens).toHaveLength(3);
      expect(drift.screens.map((s) => s.severity)).toEqual(['none', 'none', 'functional']);
      expect(drift.screens[2]!.text_changes).toContain("'Welcome, Alice' → 'Welcome, Bob'");
      expect(existsSync(drift.screens[2]!.diff_image)).toBe(true);

      const approved = await vaider.approveBaseline({ id: second.id, input: second.input, keyframes: second.result!.keyframes });
      expect(approved).toMatchObject({ source_run: second.id, screens: expect.any(Array) });
      expect(approved.approved_at).not.toBeNull();
      const index = JSON.parse(await readFile(path.join(project, 'baselines', 'index.json'), 'utf8'));
      expect(Object.values(index)).toEqual([expect.objectContaining({ screens: 3 })]);

      await makeVideo(video, [LOGIN_FLOW[0]!, { screen: bob, start: 2, end: 4 }]);
      const skipped = (await vaider.runs.analyze({ input: video })).run.result!.drift!;
      expect(skipped.removed.map((r) => r.index)).toEqual([1]);
      expect(skipped.severity).toBe('functional');
      // Each attempt keeps its own keyframes, so an older run can still be approved...
      await expect(vaider.approveBaseline({ id: second.id, input: second.input, keyframes: second.result!.keyframes })).resolves.toMatchObject({
        source_run: second.id,
      });
      // ...until its attempt is pruned: then approving it is refused, clearly.
      await rm(path.dirname(second.result!.keyframes[0]!.path), { recursive: true });
      await expect(vaider.approveBaseline({ id: second.id, input: second.input, keyframes: second.result!.keyframes })).rejects.toMatchObject({
        code: 'BAD_ARGUMENT',
      });

      await makeVideo(video, [...LOGIN_FLOW.slice(0, 2), { screen: bob, start: 4, end: 6 }]);
      const again = (await vaider.runs.analyze({ input: video, noCache: true })).run.result!.drift!;
      expect(again.severity).toBe('none');
    } finally {
      await vaider.close();
    }
  });

  it('learns a region that changes every run (a clock) and masks it; a redesign shown the same way every run is never learned', async () => {
    const project = path.join(dir, 'dynamic');
    const config = loadConfig({
      cwd: dir,
      env: {},
      overrides: {
        allowed_roots: [dir],
        drift: true,
        dynamic_regions: { learn_after: 2, auto_mask: true },
        store_dir: path.join(project, '.vaider'),
        baselines_dir: path.join(project, 'baselines'),
      },
    });
    const vaider = await openVaider(config);
    const screen = (clock: string, button = 'Sign In'): ScreenSpec => ({
      ...LOGIN_SCREEN,
      texts: [...LOGIN_SCREEN.texts!.map((t) => (t.text === 'Sign In' ? { ...t, text: button } : t)), { text: clock, x: 1080, y: 20, size: 28 }],
    });
    try {
      const file = path.join(dir, 'clock.png');
      const run = async (clock: string, button?: string) => {
        await makeScreenshot(file, screen(clock, button));
        return (await vaider.runs.analyze({ input: file, noCache: true })).run.result!.drift!;
      };
      expect((await run('10:00:00')).created).toBe(true);
      expect((await run('10:00:01')).severity).toBe('functional');
      expect((await run('10:00:02')).severity).toBe('functional');
      const masked = await run('10:00:03');
      expect(masked.dynamic_regions).toEqual([expect.objectContaining({ masked: true, seen: 2 })]);
      expect(masked.dynamic_regions[0]!.box.x).toBeGreaterThan(1000);
      expect(masked.severity).toBe('none');

      // The button relabelled the same way in every run: never dynamic, so never masked.
      for (const clock of ['10:00:04', '10:00:05', '10:00:06']) {
        const redesign = await run(clock, 'Log In');
        expect(redesign.severity).toBe('functional');
        // The clock changed too, inside the masked region: its text is left out with its pixels.
        expect(redesign.screens[0]!.text_changes).toEqual(["'Sign In' → 'Log In'"]);
      }
    } finally {
      await vaider.close();
    }
  });
});
