// Drift review of one run: baseline and current side by side, an overlay slider, or the diff image;
// changed regions outlined; accept (the run becomes the baseline) or reject (a regression); learned
// dynamic regions accepted as masks. Keys: j/k next and previous screen, a accept, r reject.
import { api, badge, fill, baseName, boxedImage, errorLine, fileUrl, h, seconds } from './dom.js';

const MODES = ['side by side', 'overlay', 'diff'];

function comparison(mode, basePath, currentPath, screen) {
  const boxes = screen.region_boxes ?? [];
  if (mode === 'diff') return h('div', { class: 'compare one' }, h('img', { src: fileUrl(screen.diff_image), alt: 'diff image', 'data-testid': 'diff-image' }));
  if (mode === 'overlay') {
    const top = h('img', { src: fileUrl(currentPath), alt: 'current', class: 'over' });
    const slider = h('input', {
      type: 'range',
      min: 0,
      max: 100,
      value: 50,
      'aria-label': 'Baseline ← → current',
      'data-testid': 'overlay-slider',
      oninput: (event) => (top.style.clipPath = `inset(0 0 0 ${event.target.value}%)`),
    });
    top.style.clipPath = 'inset(0 0 0 50%)';
    return h('div', { class: 'compare one' }, h('div', { class: 'overlay' }, h('img', { src: fileUrl(basePath), alt: 'baseline' }), top), slider, h('div', { class: 'muted small' }, 'Left of the line: baseline. Right: current.'));
  }
  return h(
    'div',
    { class: 'compare two' },
    h('figure', null, h('figcaption', null, 'Baseline'), boxedImage(fileUrl(basePath), [], { alt: 'baseline', testId: 'baseline-image' })),
    h('figure', null, h('figcaption', null, 'Current (changed regions outlined)'), boxedImage(fileUrl(currentPath), boxes, { alt: 'current', testId: 'current-image' })),
  );
}

export function driftReview(id, query) {
  const element = h('section', null, h('p', { class: 'muted' }, 'Loading drift…'));
  const status = h('p', { class: 'review-status', 'data-testid': 'review-status', role: 'status' });
  let state = { index: Number(query.get('screen') ?? 0) || 0, mode: MODES[0] };
  let data;

  const decide = async (decision) => {
    status.textContent = decision === 'accept' ? 'Accepting…' : 'Rejecting…';
    try {
      const answer = await api(`/v1/runs/${encodeURIComponent(id)}/drift/${decision}`, { method: 'POST' });
      data.run.review = answer.run.review;
      status.textContent = decision === 'accept' ? `Accepted: the baseline of ${answer.baseline.key} is now this run (${answer.baseline.screens} screens).` : 'Rejected: marked as a regression; the baseline is unchanged.';
      render();
    } catch (error) {
      status.textContent = error.message;
    }
  };

  const acceptMask = async (region) => {
    try {
      const answer = await api(`/v1/runs/${encodeURIComponent(id)}/drift/masks`, { method: 'POST', body: { masks: [{ screen: region.baseline, box: region.box }] } });
      status.textContent = `Mask accepted: ${answer.masks.length} mask(s) on ${answer.key}; later comparisons leave them out.`;
    } catch (error) {
      status.textContent = error.message;
    }
  };

  function render() {
    const { run, result, baseline } = data;
    const drift = result.drift;
    const screens = drift.screens;
    state.index = Math.min(Math.max(0, state.index), Math.max(0, screens.length - 1));
    const screen = screens[state.index];
    const keyframe = screen && result.keyframes.find((k) => k.index === screen.current);
    const baseScreen = screen && baseline?.screens.find((s) => s.index === screen.baseline);
    const modes = h('div', { class: 'modes' }, MODES.map((m) => h('button', { class: m === state.mode ? 'on' : '', 'data-testid': `mode-${m.replace(/ /g, '-')}`, onclick: () => ((state.mode = m), render()) }, m)));
    fill(
      element,
      h('h1', null, 'Drift: ', baseName(run.input), ' ', badge(drift.severity, 'drift')),
      h('p', { class: 'small' }, h('a', { href: `#/runs/${encodeURIComponent(id)}` }, '← the run'), ` · baseline ${baseline?.key ?? '(none)'}`, run.review ? ` · reviewed: ${run.review}` : ''),
      h(
        'div',
        { class: 'toolbar' },
        h('button', { class: 'accept', 'data-testid': 'accept', title: 'a', onclick: () => void decide('accept') }, 'Accept as baseline (a)'),
        h('button', { class: 'reject', 'data-testid': 'reject', title: 'r', onclick: () => void decide('reject') }, 'Reject: regression (r)'),
        h('span', { class: 'muted small' }, 'j/k: next/previous screen'),
      ),
      status,
      screens.length
        ? h(
            'div',
            null,
            h('h2', null, `Screen ${state.index + 1} of ${screens.length} `, badge(screen.severity, 'screen-severity'), h('span', { class: 'muted small' }, ` SSIM ${screen.ssim.toFixed(3)} · ${screen.regions} region(s)`)),
            h('p', null, screen.reason),
            screen.text_changes.length ? h('ul', { class: 'text-changes', 'data-testid': 'text-changes' }, screen.text_changes.map((t) => h('li', null, t))) : null,
            modes,
            keyframe && baseScreen ? comparison(state.mode, baseScreen.path, keyframe.path, screen) : h('p', { class: 'muted' }, 'The baseline screen is no longer on disk (another baseline was accepted since).'),
          )
        : h('p', { class: 'muted' }, 'No matched screens to compare.'),
      drift.added.length ? h('p', null, `Screens with no baseline screen: ${drift.added.map((a) => seconds(a.time)).join(', ')}`) : null,
      drift.removed.length ? h('p', null, `Baseline screens not seen: ${drift.removed.map((a) => seconds(a.time)).join(', ')}`) : null,
      drift.dynamic_regions.length
        ? h(
            'section',
            null,
            h('h2', null, 'Areas that change from run to run'),
            h('ul', null, drift.dynamic_regions.map((r) => h('li', null, `screen ${r.baseline + 1}, ${r.box.width}×${r.box.height} at ${r.box.x},${r.box.y}, seen ${r.seen}× `, r.masked ? '(masked)' : h('button', { 'data-testid': 'accept-mask', onclick: () => void acceptMask(r) }, 'Accept as mask')))),
          )
        : null,
    );
  }

  const onKey = (event) => {
    if (!data || event.target instanceof HTMLInputElement || event.metaKey || event.ctrlKey || event.altKey) return;
    if (event.key === 'j') state.index++;
    else if (event.key === 'k') state.index--;
    else if (event.key === 'a') return void decide('accept');
    else if (event.key === 'r') return void decide('reject');
    else return;
    render();
  };
  document.addEventListener('keydown', onKey);

  async function load() {
    const [details, { baseline }] = await Promise.all([api(`/v1/runs/${encodeURIComponent(id)}`), api(`/v1/runs/${encodeURIComponent(id)}/baseline`)]);
    if (!details.result?.drift) throw new Error('This run was not compared with a baseline (drift was off).');
    if (details.result.drift.created) {
      element.replaceChildren(h('p', null, 'This run created the baseline: there is nothing to compare yet.'));
      return;
    }
    data = { run: details.run, result: details.result, baseline };
    // Open on the first screen that changed, unless the address names one.
    if (!query.has('screen')) state.index = Math.max(0, details.result.drift.screens.findIndex((s) => s.severity !== 'none'));
    render();
  }

  return {
    element,
    ready: load().catch((error) => element.replaceChildren(errorLine(error))),
    onRun() {},
    dispose: () => document.removeEventListener('keydown', onKey),
  };
}
