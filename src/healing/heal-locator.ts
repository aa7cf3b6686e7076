import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserDriver } from '../drivers/browser-driver.js';
import { writeFileAtomic } from '../base/atomic-write.js';
import type { Box } from '../screen/box.js';
import type { ElementMatch } from '../screen/element.js';
import { healingConfidence } from './healing-confidence.js';
import { healingDecision } from './healing-decision.js';
import type { HealingEvent, HealingRequest, HealingThresholds, SelectorCandidate } from './healing-types.js';
import { derivePageElements, type PageElement } from './selector-candidates.js';

export interface HealLocatorDeps {
  /** Finds the described element on a screenshot: the local OCR provider or a vision model. */
  locate: (screenshotPath: string, description: string) => Promise<ElementMatch | null>;
  method: 'ocr' | 'model';
  thresholds: HealingThresholds;
}

/**
 * Finds the element a failed selector meant by what the screen shows, derives selectors for it, and
 * decides per thresholds whether to apply, propose, list for review, or give up. Never throws for a
 * target that cannot be found: that is a `failed` event, kept for review like any other.
 */
export async function healLocator(request: HealingRequest, deps: HealLocatorDeps): Promise<HealingEvent> {
  const { driver, description, evidenceDir, step } = request;
  await mkdir(evidenceDir, { recursive: true });
  const before = path.join(evidenceDir, `heal-${step}-before.png`);
  await writeFileAtomic(before, await driver.screenshot());

  const match = await deps.locate(before, description);
  const elements = match ? await derivePageElements(driver, match.center) : [];
  const scored = elements.map((element) => scoreCandidates(element, match?.confidence ?? 0, request));
  const best = bestCandidate(scored[0] ?? []);
  const confidence = best?.confidence ?? 0;
  const decision = healingDecision(confidence, deps.thresholds, elements.length);
  const chosen = decision === 'applied' || decision === 'proposed' ? best : undefined;
  const target = elements[0];

  return {
    id: `heal_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`,
    flow: request.flow,
    step,
    description,
    old_selector: request.selector ?? null,
    new_selector: chosen?.selector ?? null,
    problem: request.problem,
    // `none`: nothing on screen fitted the description, so no method found anything.
    method: match ? deps.method : 'none',
    confidence,
    decision,
    candidates: scored.flat().sort((a, b) => b.confidence - a.confidence),
    before_screenshot: before,
    after_screenshot: chosen && target ? await outlinedScreenshot(driver, target.box, evidenceDir, step) : null,
    created_at: new Date().toISOString(),
    review: 'pending',
  };
}

/** Only a selector that reaches exactly this one visible element earns a confidence; the rest get 0. */
function scoreCandidates(element: PageElement, visual: number, request: HealingRequest): SelectorCandidate[] {
  return element.candidates.map(({ selector, kind, unique, visible, hitsElement }) => ({
    selector,
    kind,
    unique,
    visible,
    confidence:
      unique && visible && hitsElement
        ? healingConfidence({ visual, description: request.description, elementText: element.text, oldSelector: request.selector, selector })
        : 0,
  }));
}

/** The most confident usable selector; on a tie the earlier kind wins (test id before id before … CSS). */
function bestCandidate(candidates: SelectorCandidate[]): SelectorCandidate | undefined {
  return candidates.filter((c) => c.confidence > 0).reduce<SelectorCandidate | undefined>((best, c) => (!best || c.confidence > best.confidence ? c : best), undefined);
}

/** Shows the healed element outlined, drawn as an overlay so the element itself is never restyled. */
async function outlinedScreenshot(driver: BrowserDriver, box: Box, evidenceDir: string, step: number): Promise<string> {
  const after = path.join(evidenceDir, `heal-${step}-after.png`);
  await driver.executeScript(
    `const [box] = arguments;
     const overlay = document.createElement('div');
     overlay.id = 'vaider-heal-outline';
     overlay.style.cssText = 'position:fixed;pointer-events:none;z-index:2147483647;outline:3px solid #e0218a;outline-offset:2px;'
       + 'left:' + box.x + 'px;top:' + box.y + 'px;width:' + box.width + 'px;height:' + box.height + 'px';
     document.body.append(overlay);`,
    box,
  );
  try {
    await writeFileAtomic(after, await driver.screenshot());
  } finally {
    await driver.executeScript("document.getElementById('vaider-heal-outline')?.remove();");
  }
  return after;
}
