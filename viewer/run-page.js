// One run: the video with its timeline of keyframes and text, the verdict with evidence that seeks
// the video, the description's steps, the attempts side by side, and the interactions files.
import { api, badge, fill, baseName, boxedImage, duration, errorLine, fileUrl, h, resolvePath, seconds, when } from './dom.js';

const isImage = (name) => /\.(png|jpe?g|webp)$/i.test(name);

function player(run, result) {
  if (result.media.kind === 'image') return { element: h('img', { class: 'media', src: fileUrl(run.input), alt: baseName(run.input) }), seek() {} };
  const video = h('video', { class: 'media', src: fileUrl(run.input), controls: true, preload: 'metadata', 'data-testid': 'video' });
  return {
    element: video,
    seek(time) {
      video.pause();
      video.currentTime = time;
    },
  };
}

/** Keyframes as thumbnails at their times, and the text timeline's spans as bars, on one time axis. */
function timeline(result, spans, onPick) {
  const length = Math.max(result.media.duration, 0.001);
  const at = (t) => `${Math.min(100, (t / length) * 100)}%`;
  const thumbs = h(
    'div',
    { class: 'thumbs' },
    result.keyframes.map((k) =>
      h(
        'button',
        { class: 'thumb', title: `${seconds(k.time)}: ${k.why ?? ''}`, 'data-testid': 'keyframe', 'data-time': k.time, onclick: () => onPick(k.time, k.path, []) },
        h('img', { src: fileUrl(k.path), alt: `keyframe at ${seconds(k.time)}`, loading: 'lazy' }),
        h('span', null, seconds(k.time)),
      ),
    ),
  );
  for (const [i, k] of result.keyframes.entries()) thumbs.children[i].style.left = at(k.time);
  const bars = h(
    'div',
    { class: 'bars' },
    spans.slice(0, 200).map((span, i) => {
      const keyframe = result.keyframes.find((k) => k.index === span.keyframe);
      const bar = h('button', { class: 'bar', title: `${span.text} (${seconds(span.first_seen)}–${seconds(span.last_seen)})`, onclick: () => onPick(span.first_seen, keyframe?.path, span.box && keyframe ? [span.box] : []) }, span.text);
      bar.style.left = at(span.first_seen);
      bar.style.width = `max(2px, calc(${at(span.last_seen)} - ${at(span.first_seen)}))`;
      bar.style.top = `${(i % 8) * 22}px`;
      return bar;
    }),
  );
  bars.style.height = `${Math.min(8, Math.max(1, spans.length)) * 22}px`;
  return h('div', { class: 'timeline' }, thumbs, bars);
}

function verdictTable(verdict, folder, onPick) {
  if (!verdict) return h('p', { class: 'muted' }, 'No expectations: described only.');
  return h(
    'table',
    { class: 'verdict' },
    h('thead', null, h('tr', null, ['Expectation', 'Status', 'Confidence', 'Explanation', 'Evidence'].map((t) => h('th', null, t)))),
    h(
      'tbody',
      null,
      verdict.results.map((r) =>
        h(
          'tr',
          { 'data-testid': 'expectation' },
          h('td', null, r.expectation),
          h('td', null, badge(r.status, 'expectation-status')),
          h('td', null, `${Math.round(r.confidence * 100)}%`),
          h('td', null, r.explanation),
          h(
            'td',
            null,
            r.evidence
              ? h('button', { 'data-testid': 'evidence', onclick: () => onPick(r.evidence.time, resolvePath(r.evidence.path, folder), r.evidence.box ? [r.evidence.box] : []) }, `${seconds(r.evidence.time)}–${seconds(r.evidence.end)}`)
              : '–',
          ),
        ),
      ),
    ),
  );
}

function attemptsSideBySide(attempts) {
  if (attempts.length < 2) return null;
  return h(
    'section',
    null,
    h('h2', null, `Attempts (${attempts.length})`),
    h(
      'div',
      { class: 'attempts', 'data-testid': 'attempts' },
      attempts.map((a) =>
        h(
          'div',
          { class: 'attempt', 'data-testid': 'attempt' },
          h('h3', null, `#${a.attempt} `, badge(a.verdict ?? a.state)),
          h('div', { class: 'muted small' }, `${a.kind} · ${when(a.started_at)}`, a.error_code ? ` · ${a.error_code}` : ''),
          a.verdict_detail ? h('p', null, a.verdict_detail.explanation) : null,
          h(
            'ul',
            null,
            a.results.map((r) =>
              h(
                'li',
                null,
                badge(r.status, 'attempt-status'),
                ` ${r.expectation}`,
                r.evidence ? h('div', null, boxedImage(fileUrl(r.evidence.path), r.evidence.box ? [r.evidence.box] : [], { alt: `evidence at ${seconds(r.evidence.time)}` })) : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function filesPanel(files, folder) {
  const shown = h('div', { class: 'file-view', 'data-testid': 'file-view' });
  const open = async (name) => {
    const url = fileUrl(`${folder}/${name}`);
    if (isImage(name)) return shown.replaceChildren(h('img', { src: url, alt: name }));
    try {
      const text = await (await fetch(url)).text();
      let pretty = text;
      if (name.endsWith('.json')) {
        try {
          pretty = JSON.stringify(JSON.parse(text), null, 2);
        } catch {
          // A file being written: shown as it stands.
        }
      }
      shown.replaceChildren(h('h3', null, name), h('pre', null, pretty));
    } catch (error) {
      shown.replaceChildren(errorLine(error));
    }
  };
  return h(
    'section',
    null,
    h('h2', null, 'Interactions'),
    h('p', { class: 'muted small' }, folder),
    h('div', { class: 'files' }, h('ul', null, files.map((name) => h('li', null, h('button', { class: 'link', 'data-testid': 'file', onclick: () => void open(name) }, name)))), shown),
  );
}

export function runPage(id) {
  const element = h('section', null, h('p', { class: 'muted' }, 'Loading run…'));

  async function load() {
    const [details, { attempts }] = await Promise.all([api(`/v1/runs/${encodeURIComponent(id)}`), api(`/v1/runs/${encodeURIComponent(id)}/attempts`)]);
    const { run, result, attention, files } = details;
    const status = run.state === 'done' ? run.verdict : run.state;
    const head = h(
      'div',
      { class: 'run-head' },
      h('h1', null, badge(status), ' ', run.test_title ?? baseName(run.input)),
      h('div', { class: 'muted small' }, run.input),
      h('div', { class: 'small' }, `${run.provider} · ${duration(run.duration_ms)} · by ${run.requested_by} · ${when(run.created_at)}`),
      attention ? h('p', { class: 'attention', 'data-testid': 'attention' }, `Needs attention: ${attention}`) : null,
      run.error ? h('p', { class: 'error' }, `${run.error.code}: ${run.error.message}`) : null,
    );
    if (!result) {
      element.replaceChildren(head, h('p', { class: 'muted' }, 'Not finished yet; this page updates when it is.'));
      return;
    }
    const spans = result.text_timeline ? ((await api(fileUrl(result.text_timeline)).catch(() => null))?.spans ?? []) : [];
    const media = player(run, result);
    const frame = h('div', { class: 'frame', 'data-testid': 'frame' });
    const pick = (time, path, boxes) => {
      media.seek(time);
      if (path) frame.replaceChildren(h('div', { class: 'muted small' }, `${seconds(time)} · ${baseName(path)}`), boxedImage(fileUrl(path), boxes, { alt: `frame at ${seconds(time)}`, testId: 'frame-image' }));
    };
    const drift = result.drift && !result.drift.created
      ? h('p', null, 'Drift against the baseline: ', badge(result.drift.severity, 'drift'), run.review ? ` (${run.review})` : '', ' ', h('a', { href: `#/runs/${encodeURIComponent(run.id)}/drift`, 'data-testid': 'drift-link' }, 'Review drift →'))
      : null;
    fill(
      element,
      head,
      drift,
      h('div', { class: 'player' }, media.element, frame),
      result.media.kind === 'video' ? timeline(result, spans, pick) : null,
      h('h2', null, 'Verdict'),
      result.verdict ? h('p', null, badge(result.verdict.status), ` ${result.verdict.explanation}`) : null,
      verdictTable(result.verdict, result.interactions_dir, pick),
      h('h2', null, 'What happened'),
      h('p', null, result.description.summary),
      h('ol', { class: 'steps' }, result.description.steps.map((s) => h('li', null, h('button', { class: 'link', onclick: () => pick(s.time, result.keyframes.find((k) => k.index === s.frameIndex)?.path, []) }, seconds(s.time)), ` ${s.text}`))),
      result.warnings.length ? h('ul', { class: 'warnings' }, result.warnings.map((w) => h('li', null, w))) : null,
      attemptsSideBySide(attempts),
      filesPanel(files, result.interactions_dir),
    );
  }

  return {
    element,
    ready: load(),
    onRun(run) {
      if (run.id === id && (run.state === 'done' || run.state === 'error')) void load().catch((error) => element.replaceChildren(errorLine(error)));
    },
    dispose() {},
  };
}
