// The runs page: newest first, filtered by status, searched by path or expectation, paged on the server.
import { api, badge, baseName, duration, h, when, errorLine } from './dom.js';

const PAGE = 50;
const STATUSES = ['', 'match', 'mismatch', 'uncertain', 'described', 'error', 'analyzing', 'queued'];

function hashFor(query) {
  const text = query.toString();
  return `#/${text ? `?${text}` : ''}`;
}

function row(run) {
  const status = run.state === 'done' ? run.verdict : run.state;
  return h(
    'tr',
    { 'data-testid': 'run-row', 'data-run': run.id },
    h('td', null, badge(status), run.attention ? h('div', { title: run.attention }, badge('needs attention', 'attention')) : null),
    h('td', { class: 'path' }, h('a', { href: `#/runs/${encodeURIComponent(run.id)}` }, run.test_title ?? baseName(run.input)), h('div', { class: 'muted small' }, run.input)),
    h('td', null, run.expectations.length ? `${run.expectations.length}` : '–'),
    h('td', null, run.drift ? badge(run.drift, 'drift') : '–', run.review ? h('span', { class: 'muted small' }, ` ${run.review}`) : null),
    h('td', null, duration(run.duration_ms)),
    h('td', null, run.provider),
    h('td', null, run.requested_by),
    h('td', { class: 'small' }, when(run.created_at)),
  );
}

export function runsList(query) {
  const status = query.get('status') ?? '';
  const q = query.get('q') ?? '';
  const page = Math.max(0, Number(query.get('page') ?? 0) || 0);
  const body = h('tbody');
  const pager = h('div', { class: 'pager' });
  const go = (changes) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value === '' || value === 0) next.delete(key);
      else next.set(key, String(value));
    }
    location.hash = hashFor(next);
  };
  let typing;
  const search = h('input', {
    type: 'search',
    placeholder: 'Search path, test or expectation',
    value: q,
    'data-testid': 'search',
    oninput: (event) => {
      clearTimeout(typing);
      typing = setTimeout(() => go({ q: event.target.value.trim(), page: 0 }), 300);
    },
  });
  const filter = h(
    'select',
    { 'data-testid': 'status-filter', onchange: (event) => go({ status: event.target.value, page: 0 }) },
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, s || 'every status')),
  );
  const element = h(
    'section',
    null,
    h('div', { class: 'toolbar' }, h('h1', null, 'Runs'), filter, search),
    h('table', { class: 'runs' }, h('thead', null, h('tr', null, ['Status', 'Test or input', 'Expectations', 'Drift', 'Took', 'Provider', 'By', 'When'].map((t) => h('th', null, t)))), body),
    pager,
  );

  async function load() {
    const params = new URLSearchParams({ limit: String(PAGE), offset: String(page * PAGE) });
    if (status) params.set('status', status);
    if (q) params.set('q', q);
    try {
      const { runs, total } = await api(`/v1/runs?${params}`);
      body.replaceChildren(...runs.map(row));
      if (!runs.length) body.append(h('tr', null, h('td', { colspan: 8, class: 'muted' }, total ? 'No runs on this page.' : 'No runs yet: analyse a video, or let the watcher find one.')));
      const pages = Math.max(1, Math.ceil(total / PAGE));
      pager.replaceChildren(
        h('button', { disabled: page === 0, onclick: () => go({ page: page - 1 }) }, '← Newer'),
        h('span', { 'data-testid': 'page' }, ` Page ${page + 1} of ${pages} · ${total} runs `),
        h('button', { disabled: page + 1 >= pages, onclick: () => go({ page: page + 1 }) }, 'Older →'),
      );
    } catch (error) {
      body.replaceChildren(h('tr', null, h('td', { colspan: 8 }, errorLine(error))));
    }
  }

  let pending;
  return {
    element,
    ready: load(),
    // A finished or new run changes what the first pages show: reload, at most a few times a second.
    onRun() {
      clearTimeout(pending);
      pending = setTimeout(() => void load(), 250);
    },
    dispose() {
      clearTimeout(pending);
      clearTimeout(typing);
    },
  };
}
