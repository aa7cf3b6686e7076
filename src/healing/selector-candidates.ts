import type { BrowserDriver } from '../drivers/browser-driver.js';
import type { Box } from '../screen/box.js';
import type { SelectorKind } from './healing-types.js';

/** A selector derived in the page, with what the page said when it was tried. */
export interface PageCandidate {
  selector: string;
  kind: SelectorKind;
  unique: boolean;
  visible: boolean;
  /** The one element it matches is the element it was derived for. */
  hitsElement: boolean;
}

/** An element on screen that could be the target, and the selectors that reach it. */
export interface PageElement {
  tag: string;
  /** What the element says: its text, else its label's text, aria-label, placeholder or value. */
  text: string;
  box: Box;
  candidates: PageCandidate[];
}

/**
 * The element under the point (climbed to its nearest interactive ancestor) first, then every other
 * visible element that looks the same — same tag, classes, type and text — which a screenshot cannot
 * tell apart. Empty when nothing interactive is under the point.
 */
export type PageElements = PageElement[];

/**
 * Runs in the page. Plain CSS only, so every selector can be checked with querySelectorAll; text
 * candidates are `text=…`, checked by exact trimmed text among visible elements.
 */
const DERIVE_SCRIPT = String.raw`
const [x, y] = arguments;
const INTERACTIVE = 'button, a, input, select, textarea, [role], [data-testid], label';
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const quote = (s) => '"' + s.replace(/["\\]/g, '\\$&') + '"';
const visible = (el) => {
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
};
const interactive = (el) => {
  let found = el.closest(INTERACTIVE);
  // A label stands for the control it names.
  if (found && found.tagName === 'LABEL' && found.control) found = found.control;
  return found;
};
// A field's name is its label's text: what a person reads next to it, and what OCR finds.
const labelOf = (el) => {
  const byFor = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null;
  const label = byFor || el.closest('label');
  return label ? norm(label.textContent) : '';
};
const textOf = (el) => norm(el.textContent) || labelOf(el) || norm(el.getAttribute('aria-label')) || norm(el.getAttribute('placeholder')) || norm(el.value);

function textMatches(text) {
  const exact = [...document.body.querySelectorAll('*')].filter((el) => visible(el) && norm(el.textContent) === text);
  // The innermost element carrying the text, raised to what a user would act on.
  const innermost = exact.filter((el) => !exact.some((other) => other !== el && el.contains(other)));
  return [...new Set(innermost.map((el) => interactive(el) || el))];
}

function check(selector, kind, el) {
  let matches;
  if (kind === 'text') matches = textMatches(selector.slice('text='.length));
  else {
    try { matches = [...document.querySelectorAll(selector)]; } catch { return null; }
  }
  const unique = matches.length === 1;
  return { selector, kind, unique, visible: matches.some(visible), hitsElement: unique && matches[0] === el && visible(el) };
}

function segment(el) {
  let s = el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + CSS.escape(c)).join('');
  const parent = el.parentElement;
  if (parent && [...parent.children].filter((c) => c.tagName === el.tagName).length > 1) {
    const index = [...parent.children].filter((c) => c.tagName === el.tagName).indexOf(el) + 1;
    s += ':nth-of-type(' + index + ')';
  }
  return s;
}

function shortCss(el) {
  const parts = [];
  let selector = '';
  for (let node = el; node && node !== document.documentElement && parts.length < 3; node = node.parentElement) {
    parts.unshift(segment(node));
    selector = parts.join(' > ');
    if (document.querySelectorAll(selector).length === 1) break;
  }
  return selector;
}

function derive(el) {
  const out = [];
  const tag = el.tagName.toLowerCase();
  for (const attr of ['data-testid', 'data-test', 'data-qa']) {
    const value = el.getAttribute(attr);
    if (value) out.push(['[' + attr + '=' + quote(value) + ']', 'test-id']);
  }
  if (el.id) out.push(['#' + CSS.escape(el.id), 'id']);
  const label = norm(el.getAttribute('aria-label'));
  const role = el.getAttribute('role');
  if (label && role) out.push(['[role=' + quote(role) + '][aria-label=' + quote(label) + ']', 'role']);
  if (label && !role && (tag === 'button' || tag === 'a')) out.push([tag + '[aria-label=' + quote(label) + ']', 'role']);
  if (label && (tag === 'input' || tag === 'textarea' || tag === 'select')) out.push([tag + '[aria-label=' + quote(label) + ']', 'label']);
  if (el.labels && el.labels.length > 0 && el.id) out.push(['label[for=' + quote(el.id) + ']', 'label']);
  const placeholder = norm(el.getAttribute('placeholder'));
  if (placeholder) out.push([tag + '[placeholder=' + quote(placeholder) + ']', 'label']);
  const text = norm(el.textContent);
  if (text && text.length <= 80) out.push(['text=' + text, 'text']);
  out.push([shortCss(el), 'css']);
  const seen = new Set();
  const checked = [];
  for (const [selector, kind] of out) {
    if (seen.has(selector)) continue;
    seen.add(selector);
    const result = check(selector, kind, el);
    // label[for] matches the label, not the control: it counts when the label leads to this element.
    if (result && kind === 'label' && selector.startsWith('label[for=')) {
      const labelEl = document.querySelector(selector);
      result.hitsElement = result.unique && labelEl.control === el && visible(el);
    }
    if (result) checked.push(result);
  }
  return checked;
}

function describe(el) {
  const r = el.getBoundingClientRect();
  return { tag: el.tagName.toLowerCase(), text: textOf(el), box: { x: r.x, y: r.y, width: r.width, height: r.height }, candidates: derive(el) };
}

const hit = document.elementFromPoint(x, y);
const target = hit && interactive(hit);
if (!target) return [];
const look = (el) => [el.tagName, el.className, el.getAttribute('type') || '', textOf(el)].join('|');
const twins = [...document.querySelectorAll(target.tagName)].filter((el) => el !== target && visible(el) && look(el) === look(target));
return [target, ...twins].map(describe);
`;

export function derivePageElements(driver: BrowserDriver, point: { x: number; y: number }): Promise<PageElements> {
  return driver.executeScript<PageElements>(DERIVE_SCRIPT, point.x, point.y);
}
