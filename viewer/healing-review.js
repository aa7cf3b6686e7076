// Healing review: each healed (or proposed) locator with its before and after screenshots, approved or rejected.
import { api, badge, errorLine, fileUrl, h, when } from './dom.js';

function eventCard(event, reload) {
  const note = h('span', { class: 'muted small', role: 'status' });
  const review = async (verdict) => {
    try {
      await api(`/v1/healing/${encodeURIComponent(event.id)}/review`, { method: 'POST', body: { verdict } });
      await reload();
    } catch (error) {
      note.textContent = error.message;
    }
  };
  return h(
    'article',
    { class: 'healing', 'data-testid': 'healing-event' },
    h('h3', null, `${event.flow} · step ${event.step}: ${event.description} `, badge(event.review, 'healing-review')),
    h('p', null, h('code', null, event.old_selector ?? '(none)'), ' → ', h('code', null, event.new_selector ?? '(none found)')),
    h('p', { class: 'small' }, `${event.problem} · found by ${event.method} · confidence ${Math.round(event.confidence * 100)}% · ${event.decision} · ${when(event.created_at)}`),
    h(
      'div',
      { class: 'compare two' },
      h('figure', null, h('figcaption', null, 'Before'), h('img', { src: fileUrl(event.before_screenshot), alt: 'before' })),
      event.after_screenshot ? h('figure', null, h('figcaption', null, 'After'), h('img', { src: fileUrl(event.after_screenshot), alt: 'after' })) : null,
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('button', { class: 'accept', 'data-testid': 'approve-healing', onclick: () => void review('approved') }, 'Approve'),
      h('button', { class: 'reject', 'data-testid': 'reject-healing', onclick: () => void review('rejected') }, 'Reject'),
      note,
    ),
  );
}

export function healingReview() {
  const list = h('div');
  const element = h('section', null, h('h1', null, 'Healing'), list);
  async function load() {
    try {
      const { events } = await api('/v1/healing');
      list.replaceChildren(...events.slice().reverse().map((e) => eventCard(e, load)));
      if (!events.length) list.append(h('p', { class: 'muted' }, 'No healed locators yet: they appear when a flow run heals one.'));
    } catch (error) {
      list.replaceChildren(errorLine(error));
    }
  }
  return { element, ready: load(), onRun() {}, dispose() {} };
}
