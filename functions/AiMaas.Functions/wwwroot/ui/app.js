// The AiMaas dashboard: models, versions side by side, promote/roll back, training jobs, evaluation charts.
// Plain ES modules served by the function app; every call goes through api.js with the session's key.
import { api, ApiError, enc, session } from './api.js';
import * as charts from './charts.js';

const $ = (selector) => document.querySelector(selector);
const h = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
};
const num = (v) => (v === undefined || v === null ? '' : Math.abs(v) >= 1000 ? v.toFixed(1) : +v.toFixed(4));
const LowerIsBetter = new Set(['rmse', 'mae', 'logLoss']);
const JobsKey = 'aimaas.jobs';
const PollMilliseconds = 1000;

let selectedModel = null;
let selectedVersion = null;

// ---- key -------------------------------------------------------------------------------------------------------

async function connect() {
  try {
    await api('models');
  } catch (error) {
    session.forget();
    showKeyForm(error instanceof ApiError && error.status === 401 ? 'That key was not accepted (401).' : String(error.message));
    return;
  }
  $('#key-form').hidden = true;
  $('#app').hidden = false;
  $('#sign-out').hidden = false;
  $('#who').textContent = 'connected';
  await loadModels();
  resumeJobs();
  route();
}

function showKeyForm(message = '') {
  $('#app').hidden = true;
  $('#sign-out').hidden = true;
  $('#who').textContent = '';
  $('#key-form').hidden = false;
  $('#key-error').textContent = message;
  $('#key').focus();
}

// ---- models list -----------------------------------------------------------------------------------------------

async function loadModels() {
  const { data } = await api('models');
  const list = $('#models');
  list.replaceChildren(...data.models.map((m) => h('li', {},
    h('a', { href: `#/models/${enc(m.name)}`, class: m.name === selectedModel ? 'model-link selected' : 'model-link', 'data-model': m.name },
      h('span', {}, m.name),
      h('span', { class: 'muted' }, m.currentVersion ? `v${m.currentVersion}` : `latest v${m.latestVersion}`)))));
  if (data.models.length === 0) list.append(h('li', { class: 'muted' }, 'No models yet: train one below.'));
}

function route() {
  const match = /^#\/models\/([^/]+)(?:\/versions\/(\d+))?/.exec(window.location.hash);
  if (!match) return;
  showModel(decodeURIComponent(match[1]), match[2] ? Number(match[2]) : null);
}

// ---- one model -------------------------------------------------------------------------------------------------

async function showModel(name, version) {
  selectedModel = name;
  document.querySelectorAll('#models a').forEach((a) => a.classList.toggle('selected', a.dataset.model === name));
  const detail = $('#detail');
  let model, etag;
  try {
    ({ data: model, etag } = await api(`models/${enc(name)}`));
  } catch (error) {
    detail.replaceChildren(h('p', { class: 'error' }, error.message));
    return;
  }

  const versions = model.versions;
  selectedVersion = version ?? model.currentVersion ?? model.latestVersion;
  const metricNames = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))];
  const best = Object.fromEntries(metricNames.map((m) => {
    const values = versions.map((v) => v.metrics[m]).filter((v) => v !== undefined);
    return [m, LowerIsBetter.has(m) ? Math.min(...values) : Math.max(...values)];
  }));

  const aliasChips = Object.entries(model.aliases).map(([alias, v]) =>
    h('span', { class: `alias ${alias}`, 'data-alias': alias }, `${alias} → v${v}`));
  const table = h('table', { id: 'versions' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Version'), h('th', {}, 'Aliases'), h('th', {}, 'Created'), h('th', {}, 'Trainer'),
      h('th', {}, 'Dataset'), metricNames.map((m) => h('th', {}, m)), h('th', {}, ''))),
    h('tbody', {}, versions.map((v) => h('tr', { 'data-version': v.version, class: v.version === selectedVersion ? 'selected' : null },
      h('td', {}, h('a', { href: `#/models/${enc(name)}/versions/${v.version}` }, `v${v.version}`)),
      h('td', {}, v.aliases.map((a) => h('span', { class: `alias ${a}` }, a))),
      h('td', {}, new Date(v.createdAt).toLocaleString()),
      h('td', {}, v.trainer),
      h('td', {}, v.dataset ?? v.source),
      metricNames.map((m) => h('td', { class: v.metrics[m] === best[m] && versions.length > 1 ? 'num best' : 'num', 'data-metric': m }, num(v.metrics[m]))),
      h('td', { class: 'actions' },
        v.version !== model.currentVersion
          ? h('button', { type: 'button', class: 'promote', onclick: () => moveAlias(name, 'current', v.version, model.currentVersion, etag) },
            model.currentVersion && v.version < model.currentVersion ? 'Roll back to this' : 'Promote to current')
          : null,
        model.aliases.staging !== v.version
          ? h('button', { type: 'button', class: 'stage', onclick: () => moveAlias(name, 'staging', v.version, model.aliases.staging, etag) }, 'Set staging')
          : null)))));

  detail.replaceChildren(
    h('h2', { id: 'model-name' }, name),
    h('p', { id: 'aliases' }, aliasChips.length ? aliasChips : h('span', { class: 'muted' }, 'No aliases: nothing is served by plain predict.')),
    h('p', { class: 'muted' }, `Metrics on each version's own hold-out rows; the best of each column is in green. ${model.versionsContinuationToken ? 'Newest versions only.' : ''}`),
    table,
    h('section', { id: 'version-detail' }),
    h('section', { id: 'traffic' }));
  await Promise.all([showVersion(name, selectedVersion), showTraffic(name)]);
}

async function moveAlias(model, alias, version, from, etag) {
  const question = from
    ? `Move '${alias}' of ${model} from v${from} to v${version}? Callers of ${alias} get v${version} within seconds.`
    : `Point '${alias}' of ${model} at v${version}?`;
  if (!(await confirmAction(question))) return;
  try {
    // If-Match: refuse (412) when someone else moved an alias since this page read the model.
    await api(`models/${enc(model)}/aliases/${enc(alias)}`, { method: 'PUT', body: { version }, headers: { 'If-Match': etag } });
  } catch (error) {
    window.alert(error.message);
  }
  await loadModels();
  await showModel(model, selectedVersion);
}

function confirmAction(message) {
  const dialog = $('#confirm');
  $('#confirm-text').textContent = message;
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true }));
}

// ---- one version: metrics and charts ---------------------------------------------------------------------------

const figure = (id, caption, content) => h('figure', { class: 'chart', id }, h('figcaption', {}, caption), content);

async function showVersion(model, version) {
  const section = $('#version-detail');
  section.replaceChildren(h('h3', {}, `Version ${version}`));
  const [manifest, evaluation] = await Promise.allSettled([
    api(`models/${enc(model)}/versions/${version}`),
    api(`models/${enc(model)}/versions/${version}/evaluation`),
  ]);
  if (manifest.status === 'rejected') {
    section.append(h('p', { class: 'error' }, manifest.reason.message));
    return;
  }

  const m = manifest.value.data;
  if (m.promotion) {
    section.append(h('p', { id: 'promotion' }, `Promotion (${m.promotion.policy}, ${m.promotion.metric}): ${m.promotion.promoted ? 'promoted' : 'not promoted'}: ${m.promotion.reason}`));
  }

  const grid = h('div', { class: 'charts' });
  section.append(grid);
  if (evaluation.status === 'fulfilled') {
    grid.append(...evaluationCharts(evaluation.value.data));
  } else {
    grid.append(h('p', { class: 'muted' }, evaluation.reason.message));
  }

  const importance = m.explanations?.featureImportance;
  if (importance?.columns?.length) {
    grid.append(figure('importance', `Feature importance (drop in ${importance.metric} when a column is shuffled)`,
      charts.bars('importance', importance.columns.map((c) => ({ name: c.column, value: c.importance, error: c.standardDeviation })), `${importance.metric} drop`)));
  }
}

function evaluationCharts(e) {
  const note = `${e.rows} of ${e.holdOutRows} hold-out rows${e.sampled ? ' (seeded sample)' : ''}`;
  if (e.task === 'regression') {
    return [
      figure('predicted-vs-actual', `Predicted vs actual, ${note}`, charts.predictedVsActual(e.actual, e.predicted)),
      figure('residuals', 'Residuals (predicted − actual)', charts.residuals(e.actual, e.predicted)),
    ];
  }

  if (e.task === 'binary') {
    return [
      figure('confusion', `Confusion matrix, ${note}`, charts.confusionMatrix(['false', 'true'], e.actualFlags.map(String), e.predictedFlags.map(String))),
      figure('roc', 'ROC curve', charts.rocCurve([{ name: 'true', positives: e.actualFlags, scores: e.probability }])),
    ];
  }

  return [
    figure('confusion', `Confusion matrix, ${note}`, charts.confusionMatrix(e.classes, e.actualClasses, e.predictedClasses)),
    figure('roc', 'ROC curves, one class against the rest', charts.rocCurve(e.classes.map((c, k) => ({
      name: c, positives: e.actualClasses.map((a) => a === c), scores: e.probabilities.map((p) => p[k]),
    })))),
  ];
}

// ---- prediction traffic from the prediction log ----------------------------------------------------------------

async function showTraffic(model) {
  const section = $('#traffic');
  section.replaceChildren(h('h3', {}, 'Prediction traffic, last 24 hours'));
  let settings;
  try {
    ({ data: settings } = await api(`models/${enc(model)}/logging`));
  } catch (error) {
    section.append(h('p', { class: 'muted' }, error.message));
    return;
  }

  if (!settings.enabled) {
    section.append(h('p', { class: 'muted' }, 'The prediction log is off for this model, so there is no traffic to show. ',
      h('button', { type: 'button', id: 'enable-logging', onclick: async () => {
        await api(`models/${enc(model)}/logging`, { method: 'PUT', body: { enabled: true } });
        await showTraffic(model);
      } }, 'Turn it on')));
    return;
  }

  const records = [];
  let token = null;
  try {
    // At most 5,000 calls: enough for the shape of a day; the log itself holds them all.
    do {
      const query = `limit=1000${token ? `&continuationToken=${enc(token)}` : ''}`;
      const { data } = await api(`models/${enc(model)}/predictions?${query}`);
      records.push(...data.records);
      token = data.continuationToken;
    } while (token && records.length < 5000);
  } catch (error) {
    section.append(h('p', { class: 'muted' }, error.message));
    return;
  }

  if (records.length === 0) {
    section.append(h('p', { class: 'muted' }, 'No predictions logged in the last 24 hours (records reach storage within a few seconds).'));
    return;
  }

  const buckets = bucket(records);
  section.append(h('div', { class: 'charts' },
    figure('volume', `Rows predicted per ${buckets.label} (${records.length} calls)`, charts.timeSeries('volume', buckets.points.map((b) => ({ time: b.time, value: b.rows })), 'rows', true)),
    figure('latency', `Mean latency per ${buckets.label}`, charts.timeSeries('latency', buckets.points.filter((b) => b.calls).map((b) => ({ time: b.time, value: b.latency / b.calls })), 'ms', false))));
}

/** Groups calls into at most 30 equal buckets of whole minutes over the span they cover. */
function bucket(records) {
  const times = records.map((r) => new Date(r.time).getTime());
  const start = Math.min(...times), end = Math.max(...times);
  const minutes = Math.max(1, Math.ceil((end - start + 1) / 60_000 / 30));
  const size = minutes * 60_000;
  const first = Math.floor(start / size) * size;
  const count = Math.floor((end - first) / size) + 1;
  const points = Array.from({ length: count }, (_, i) => ({ time: new Date(first + i * size), calls: 0, rows: 0, latency: 0 }));
  records.forEach((r, i) => {
    const p = points[Math.floor((times[i] - first) / size)];
    p.calls++;
    p.rows += r.data?.rows ?? 0;
    p.latency += r.data?.latencyMs ?? 0;
  });
  return { points, label: minutes === 1 ? 'minute' : `${minutes} minutes` };
}

// ---- training jobs ---------------------------------------------------------------------------------------------

async function train(event) {
  event.preventDefault();
  const error = $('#train-error');
  error.textContent = '';
  const model = $('#train-model').value.trim();
  const file = $('#train-file').files[0];
  const dataset = $('#train-dataset').value.trim() || (file ? `ui/${file.name}` : '');
  if (!dataset) {
    error.textContent = 'Choose a CSV file or name a dataset.';
    return;
  }

  const submit = $('#train-submit');
  submit.disabled = true;
  try {
    if (file) {
      submit.textContent = 'Uploading...';
      await api(`datasets/${dataset.split('/').map(enc).join('/')}`, { method: 'PUT', body: file, headers: { 'Content-Type': 'text/csv' } });
    }

    const request = { dataset, label: $('#train-label').value.trim(), promote: $('#train-promote').value };
    if ($('#train-trainer').value) request.trainer = $('#train-trainer').value;
    const { data: job } = await api(`models/${enc(model)}/train`, { method: 'POST', body: request });
    const jobs = JSON.parse(sessionStorage.getItem(JobsKey) ?? '[]');
    sessionStorage.setItem(JobsKey, JSON.stringify([job.jobId, ...jobs].slice(0, 20)));
    followJob(job.jobId);
  } catch (e) {
    error.textContent = e.message;
  } finally {
    submit.disabled = false;
    submit.textContent = 'Train';
  }
}

function resumeJobs() {
  $('#jobs').replaceChildren();
  for (const id of JSON.parse(sessionStorage.getItem(JobsKey) ?? '[]').reverse()) followJob(id);
}

// How far along each stage is, for the bar; tuning fills its share by trials.
const StageStart = { queued: 0, reading: 5, featurizing: 15, tuning: 20, training: 60, evaluating: 80, saving: 92 };

function progressOf(job) {
  if (job.status === 'succeeded' || job.status === 'failed') return 100;
  const stage = job.progress?.stage ?? 'queued';
  if (stage === 'tuning' && job.progress.percent !== undefined) return 20 + 0.4 * job.progress.percent;
  return StageStart[stage] ?? 0;
}

function describe(job) {
  const p = job.progress;
  if (job.status === 'succeeded') {
    const metrics = Object.entries(job.metrics ?? {}).map(([k, v]) => `${k} ${num(v)}`).join(' · ');
    const decision = job.promotion ? (job.promotion.promoted ? `promoted to current: ${job.promotion.reason}` : `not promoted: ${job.promotion.reason}`) : '';
    return `version ${job.version} · ${metrics}${decision ? ` · ${decision}` : ''}`;
  }
  if (job.status === 'failed') return job.error ?? 'failed';
  const parts = [job.status];
  if (p) {
    parts.push(`stage ${p.stage}`);
    if (p.trial) parts.push(`trial ${p.trial}/${p.trials}`);
    if (p.rowsRead) parts.push(`${p.rowsRead} rows`);
    parts.push(`${(p.elapsedSeconds ?? 0).toFixed(1)} s`);
  }
  if (job.stalled) parts.push('stalled: will be retried');
  return parts.join(' · ');
}

async function followJob(id) {
  const item = h('li', { class: 'job', 'data-job': id, 'data-status': 'queued' },
    h('div', {}, h('strong', { class: 'job-model' }, id.slice(0, 8)), ' ', h('span', { class: 'job-status' }, 'queued')),
    h('progress', { max: 100, value: 0 }),
    h('div', { class: 'job-text muted' }));
  $('#jobs').prepend(item);
  while (true) {
    let job;
    try {
      ({ data: job } = await api(`jobs/${enc(id)}`));
    } catch (error) {
      item.querySelector('.job-text').textContent = error.message;
      if (error.status === 404 || error.status === 401) return;
      await new Promise((r) => setTimeout(r, PollMilliseconds));
      continue;
    }

    item.dataset.status = job.status;
    item.querySelector('.job-model').textContent = job.model ?? id.slice(0, 8);
    item.querySelector('.job-status').textContent = job.status;
    item.querySelector('progress').value = progressOf(job);
    item.querySelector('.job-text').textContent = describe(job);
    if (job.status === 'succeeded' || job.status === 'failed') {
      if (job.status === 'succeeded') {
        await loadModels();
        if (selectedModel === job.model) await showModel(job.model, null);
      }
      return;
    }
    await new Promise((r) => setTimeout(r, PollMilliseconds));
  }
}

// ---- start -----------------------------------------------------------------------------------------------------

$('#key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  session.key = $('#key').value.trim();
  connect();
});
$('#sign-out').addEventListener('click', () => {
  session.forget();
  sessionStorage.removeItem(JobsKey);
  showKeyForm();
});
$('#train-form').addEventListener('submit', train);
window.addEventListener('hashchange', route);

if (session.key) connect();
else showKeyForm();
