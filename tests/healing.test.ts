import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserDriver } from '../src/drivers/browser-driver.js';
import { launchPlaywrightDriver } from '../src/drivers/playwright-driver.js';
import { attributeSimilarity, healingConfidence, textSimilarity } from '../src/healing/healing-confidence.js';
import { healingDecision } from '../src/healing/healing-decision.js';
import { healLocator, type HealLocatorDeps } from '../src/healing/heal-locator.js';
import { openHealingStore } from '../src/healing/healing-store.js';
import type { HealingEvent, HealingRequest } from '../src/healing/healing-types.js';
import { createLocalProvider } from '../src/vision/providers/local/local-provider.js';
import type { VisionProvider } from '../src/vision/types.js';
import { scratchDir } from './helpers/media-fixtures.js';

const STYLE = `<style>
  body { font: 24px sans-serif; margin: 40px; background: #fff; color: #111; }
  input { display: block; font: 22px sans-serif; margin: 16px 0; padding: 8px; width: 360px; }
  button { font: 26px sans-serif; padding: 12px 28px; margin: 24px 60px 0 0; background: #1b5ec9; color: #fff; border: 0; border-radius: 6px; }
</style>`;

const PAGES: Record<string, string> = {
  '/renamed': `${STYLE}<h1>Welcome back</h1>
    <input id="email" aria-label="Email" placeholder="Email address">
    <input id="password" type="password" aria-label="Password">
    <button id="signin-btn" data-testid="signin">Sign In</button>`,
  '/twins': `${STYLE}<h1>Profile</h1>
    <input aria-label="Name"><button class="primary">Save</button><button class="primary">Save</button>`,
  '/removed': `${STYLE}<h1>Welcome back</h1><input id="email" aria-label="Email"><p>Nothing to press here.</p>`,
};

const THRESHOLDS = { apply: 0.9, propose: 0.8, review: 0.7 };

let server: Server;
let origin: string;
let dir: string;
let cleanup: () => Promise<void>;
let driver: BrowserDriver;
let provider: VisionProvider;
let deps: HealLocatorDeps;

beforeAll(async () => {
  ({ dir, cleanup } = await scratchDir());
  server = createServer((request, response) => {
    const page = PAGES[request.url ?? ''];
    if (page) response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><body>${page}</body></html>`);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  driver = await launchPlaywrightDriver({ viewport: { width: 1024, height: 600 } });
  provider = createLocalProvider({ min_word_confidence: 0.5 });
  deps = { locate: (file, description) => provider.findElement(file, description), method: 'ocr', thresholds: THRESHOLDS };
});
afterAll(async () => {
  await provider?.close();
  await driver?.close();
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

async function heal(page: string, description: string, selector: string, step: number): Promise<HealingEvent> {
  await driver.navigate(`${origin}${page}`);
  const request: HealingRequest = { driver, description, selector, problem: 'not_found', evidenceDir: path.join(dir, 'evidence'), flow: 'login', step };
  return healLocator(request, deps);
}

const countMatches = (selector: string) => driver.executeScript<number>('return document.querySelectorAll(arguments[0]).length;', selector);

describe('healLocator', () => {
  it('heals a renamed id and applies the new selector', async () => {
    const event = await heal('/renamed', 'the Sign In button', '#login-btn', 1);
    expect(event.decision).toBe('applied');
    expect(event.confidence).toBeGreaterThanOrEqual(0.9);
    expect(event.method).toBe('ocr');
    expect(event.new_selector).not.toBeNull();
    expect(await countMatches(event.new_selector!)).toBe(1);
    expect(await driver.executeScript('return document.querySelector(arguments[0]).id;', event.new_selector)).toBe('signin-btn');
    expect(event.candidates.map((c) => c.selector)).toEqual(expect.arrayContaining(['[data-testid="signin"]', '#signin-btn', 'text=Sign In']));
    expect(existsSync(event.before_screenshot)).toBe(true);
    expect(event.after_screenshot).toBe(path.join(dir, 'evidence', 'heal-1-after.png'));
    expect(existsSync(event.after_screenshot!)).toBe(true);
    // The outline is gone once the screenshot is taken.
    expect(await countMatches('#vaider-heal-outline')).toBe(0);
    expect(event).toMatchObject({ flow: 'login', step: 1, old_selector: '#login-btn', problem: 'not_found', review: 'pending' });
    expect(event.id).toMatch(/^heal_[0-9a-z]+$/);
  });

  it('never applies when two identical buttons could be meant, and lists both', async () => {
    const event = await heal('/twins', 'the Save button', '#save', 2);
    expect(event.decision).not.toBe('applied');
    expect(event.decision).toBe('manual_review');
    expect(event.new_selector).toBeNull();
    const usable = event.candidates.filter((c) => c.confidence > 0);
    const elements = await Promise.all(
      usable.map((c) => driver.executeScript<number>("return [...document.querySelectorAll('button')].indexOf(document.querySelector(arguments[0]));", c.selector)),
    );
    expect(new Set(elements)).toEqual(new Set([0, 1]));
    // "Save" alone names both, so the text candidate cannot be used.
    expect(event.candidates).toContainEqual(expect.objectContaining({ selector: 'text=Save', unique: false, confidence: 0 }));
  });

  it('fails for a removed element and keeps the before screenshot', async () => {
    const event = await heal('/removed', 'the Sign In button', '#login-btn', 3);
    expect(event.decision).toBe('failed');
    expect(event.new_selector).toBeNull();
    expect(event.after_screenshot).toBeNull();
    expect(event.before_screenshot).toBe(path.join(dir, 'evidence', 'heal-3-before.png'));
    expect(existsSync(event.before_screenshot)).toBe(true);
  });
});

describe('healing confidence', () => {
  it('compares text and selector names', () => {
    expect(textSimilarity('Sign In', ' sign  in ')).toBe(1);
    expect(attributeSimilarity('#login-btn', '#signin-btn')).toBeGreaterThan(attributeSimilarity('#login-btn', '[data-testid="signin"]'));
    expect(attributeSimilarity('#login-btn', '#login-btn')).toBe(1);
  });

  it('never lowers the visual and text evidence for a renamed selector', () => {
    const inputs = { visual: 0.9, description: 'the Sign In button', elementText: 'Sign In', selector: '#signin-btn' };
    const evidence = healingConfidence({ ...inputs, oldSelector: undefined });
    expect(evidence).toBeCloseTo(0.55 * 0.9 + 0.45, 3);
    expect(healingConfidence({ ...inputs, oldSelector: '#login-btn' })).toBeGreaterThan(evidence);
    expect(healingConfidence({ ...inputs, oldSelector: '#unrelated' })).toBeGreaterThanOrEqual(evidence);
    expect(healingConfidence({ ...inputs, elementText: 'Cancel', oldSelector: '#login-btn' })).toBeLessThan(0.7);
  });

  it('decides per thresholds, and never applies among lookalikes', () => {
    expect(healingDecision(0.95, THRESHOLDS, 1)).toBe('applied');
    expect(healingDecision(0.85, THRESHOLDS, 1)).toBe('proposed');
    expect(healingDecision(0.75, THRESHOLDS, 1)).toBe('manual_review');
    expect(healingDecision(0.5, THRESHOLDS, 1)).toBe('failed');
    expect(healingDecision(0.99, THRESHOLDS, 2)).toBe('manual_review');
  });
});

describe('the healing store', () => {
  const event = (id: string, flow: string): HealingEvent => ({
    id,
    flow,
    step: 1,
    description: 'the Sign In button',
    old_selector: '#login-btn',
    new_selector: '#signin-btn',
    problem: 'not_found',
    method: 'ocr',
    confidence: 0.93,
    decision: 'applied',
    candidates: [{ selector: '#signin-btn', kind: 'id', unique: true, visible: true, confidence: 0.93 }],
    before_screenshot: '/tmp/before.png',
    after_screenshot: null,
    created_at: new Date(0).toISOString(),
    review: 'pending',
  });

  it('round-trips events, filters them and records reviews', async () => {
    const storeDir = path.join(dir, 'store');
    const store = await openHealingStore(storeDir);
    expect(await store.list()).toEqual([]);
    await Promise.all([store.add(event('heal_a', 'login')), store.add(event('heal_b', 'checkout'))]);
    const onDisk = async () => JSON.parse(await readFile(store.file, 'utf8')) as Array<{ id: string; review: string }>;
    expect((await onDisk()).map((e) => e.id)).toEqual(['heal_a', 'heal_b']);
    expect(await store.list({ flow: 'checkout' })).toEqual([event('heal_b', 'checkout')]);

    expect((await store.review('heal_a', 'approved')).review).toBe('approved');
    await store.review('heal_b', 'rejected');
    expect((await onDisk()).map((e) => [e.id, e.review])).toEqual([
      ['heal_a', 'approved'],
      ['heal_b', 'rejected'],
    ]);
    // Opened again in the same process it shares the records, so no change is lost between the two.
    expect((await (await openHealingStore(storeDir)).list({ review: 'approved' })).map((e) => e.id)).toEqual(['heal_a']);
    await expect(store.review('heal_missing', 'approved')).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });
});
