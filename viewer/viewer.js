// The viewer's entry: routes by the URL's hash, and keeps the page live with the server's run events.
import { errorLine } from './dom.js';
import { runsList } from './runs-list.js';
import { runPage } from './run-page.js';
import { driftReview } from './drift-review.js';
import { healingReview } from './healing-review.js';

const main = document.getElementById('main');
let current = { dispose() {}, onRun() {} };

function route() {
  const [pathPart, queryPart = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(queryPart);
  if (parts[0] === 'runs' && parts[1] && parts[2] === 'drift') return driftReview(parts[1], query);
  if (parts[0] === 'runs' && parts[1]) return runPage(parts[1]);
  if (parts[0] === 'healing') return healingReview();
  return runsList(query);
}

async function show() {
  current.dispose?.();
  main.replaceChildren();
  try {
    current = route();
    main.append(current.element);
    await current.ready;
    main.dataset.ready = 'true';
  } catch (error) {
    main.replaceChildren(errorLine(error));
  }
}

function live() {
  const mark = document.getElementById('live');
  const events = new EventSource('/v1/events');
  events.addEventListener('open', () => {
    mark.textContent = 'live';
    mark.classList.add('on');
  });
  events.addEventListener('error', () => {
    mark.textContent = 'reconnecting';
    mark.classList.remove('on');
  });
  events.addEventListener('run', (event) => current.onRun?.(JSON.parse(event.data)));
}

window.addEventListener('hashchange', () => {
  delete main.dataset.ready;
  void show();
});
void show();
live();
