// Small DOM helpers shared by the viewer's pages. Text from runs (screen text, paths, model answers) is
// untrusted: it only ever becomes text nodes and attribute values, never markup.

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'value' || key === 'checked') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces `el`'s children, leaving out the parts a page does not have (null, undefined, false). */
export function fill(el, ...children) {
  el.replaceChildren();
  for (const child of children.flat(Infinity)) if (child !== undefined && child !== null && child !== false) el.append(child);
  return el;
}

const csrf = document.querySelector('meta[name="vaider-csrf"]')?.getAttribute('content') ?? '';

/** JSON from the server; changes carry the page's CSRF token. Errors become one readable line. */
export async function api(url, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') headers['x-vaider-csrf'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.error ? `${data.error.code}: ${data.error.message}` : `HTTP ${res.status}`);
  return data;
}

export const fileUrl = (file) => `/v1/files?path=${encodeURIComponent(file)}`;

/** An artifact path as the run gives it: absolute, or relative to the folder it was written in. */
export const resolvePath = (file, folder) => (file.startsWith('/') ? file : `${folder.replace(/\/$/, '')}/${file}`);

export const badge = (status, testId = 'status') => h('span', { class: `badge s-${String(status).replace(/\s+/g, '-')}`, 'data-testid': testId }, status);

export const seconds = (s) => `${Number(s).toFixed(2)} s`;

export function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const when = (iso) => new Date(iso).toLocaleString();

export const baseName = (file) => file.split('/').pop();

/**
 * An image with boxes outlined on it (evidence, changed regions): outlines, not fills, so what is
 * under them can still be read. Boxes are in the image's own pixels.
 */
export function boxedImage(src, boxes, { alt = '', testId } = {}) {
  const img = h('img', { src, alt, loading: 'lazy' });
  const frame = h('div', { class: 'boxed', 'data-testid': testId }, img);
  const place = () => {
    for (const box of boxes) {
      const outline = h('div', { class: 'outline', 'data-testid': 'outline' });
      outline.style.left = `${(box.x / img.naturalWidth) * 100}%`;
      outline.style.top = `${(box.y / img.naturalHeight) * 100}%`;
      outline.style.width = `${(box.width / img.naturalWidth) * 100}%`;
      outline.style.height = `${(box.height / img.naturalHeight) * 100}%`;
      frame.append(outline);
    }
  };
  if (img.complete && img.naturalWidth) place();
  else img.addEventListener('load', place, { once: true });
  return frame;
}

export function errorLine(error) {
  return h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error));
}
