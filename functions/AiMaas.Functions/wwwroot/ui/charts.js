// Small inline-SVG charts: no library, no build step. Each returns an <svg> element whose marks carry classes the tests look for.
const NS = 'http://www.w3.org/2000/svg';
const W = 360;
const H = 260;
const M = { top: 12, right: 12, bottom: 36, left: 48 };

export function el(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

const text = (x, y, value, attrs = {}) => el('text', { x, y, ...attrs }, String(value));
const fmt = (v) => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toPrecision(3) : +v.toFixed(3)).toString();

function frame(kind, width = W, height = H) {
  return el('svg', { viewBox: `0 0 ${width} ${height}`, 'data-chart': kind, role: 'img' });
}

function scale(domain, range) {
  const [d0, d1] = domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain;
  return (v) => range[0] + ((v - d0) / (d1 - d0)) * (range[1] - range[0]);
}

function extent(values) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return [lo, hi];
}

/** Axes with four ticks each and their titles. */
function axes(svg, x, y, xDomain, yDomain, xTitle, yTitle, xFormat = fmt) {
  const [x0, x1, y0, y1] = [M.left, W - M.right, H - M.bottom, M.top];
  svg.append(el('line', { class: 'axis', x1: x0, y1: y0, x2: x1, y2: y0 }), el('line', { class: 'axis', x1: x0, y1: y0, x2: x0, y2: y1 }));
  for (let i = 0; i <= 4; i++) {
    const xv = xDomain[0] + ((xDomain[1] - xDomain[0]) * i) / 4;
    const yv = yDomain[0] + ((yDomain[1] - yDomain[0]) * i) / 4;
    svg.append(text(x(xv), y0 + 12, xFormat(xv), { 'text-anchor': 'middle' }));
    svg.append(el('line', { class: 'grid', x1: x0, x2: x1, y1: y(yv), y2: y(yv) }));
    svg.append(text(x0 - 4, y(yv) + 3, fmt(yv), { 'text-anchor': 'end' }));
  }
  svg.append(text((x0 + x1) / 2, H - 6, xTitle, { 'text-anchor': 'middle' }));
  svg.append(text(10, (y0 + y1) / 2, yTitle, { 'text-anchor': 'middle', transform: `rotate(-90 10 ${(y0 + y1) / 2})` }));
}

/** Rows are the true class, columns the predicted one; darker is more rows. */
export function confusionMatrix(classes, actual, predicted) {
  const index = new Map(classes.map((c, i) => [String(c), i]));
  const counts = classes.map(() => classes.map(() => 0));
  actual.forEach((a, r) => {
    const i = index.get(String(a)), j = index.get(String(predicted[r]));
    if (i !== undefined && j !== undefined) counts[i][j]++;
  });
  const max = Math.max(1, ...counts.flat());
  const size = Math.min(56, 220 / classes.length);
  const left = 90, top = 24;
  const svg = frame('confusion', left + size * classes.length + 12, top + size * classes.length + 40);
  svg.append(text(left + (size * classes.length) / 2, 12, 'predicted', { 'text-anchor': 'middle' }));
  classes.forEach((c, i) => {
    svg.append(text(left - 4, top + size * i + size / 2 + 3, c, { 'text-anchor': 'end' }));
    svg.append(text(left + size * i + size / 2, top + size * classes.length + 14, c, { 'text-anchor': 'middle' }));
    classes.forEach((_, j) => {
      const share = counts[i][j] / max;
      svg.append(el('rect', {
        class: 'cell', x: left + size * j, y: top + size * i, width: size - 1, height: size - 1,
        fill: i === j ? `rgba(26,127,55,${0.1 + 0.9 * share})` : `rgba(207,34,46,${0.05 + 0.9 * share})`,
        'data-count': counts[i][j],
      }, el('title', {}, `actual ${c}, predicted ${classes[j]}: ${counts[i][j]}`)));
      svg.append(text(left + size * j + size / 2, top + size * i + size / 2 + 3, counts[i][j], { 'text-anchor': 'middle' }));
    });
  });
  svg.append(text(8, top + (size * classes.length) / 2, 'actual', { transform: `rotate(-90 8 ${top + (size * classes.length) / 2})`, 'text-anchor': 'middle' }));
  return svg;
}

/** One ROC curve per series ({ name, positives: bool[], scores: number[] }), with its AUC (trapezoids) in the legend. */
export function rocCurve(series) {
  const svg = frame('roc');
  const x = scale([0, 1], [M.left, W - M.right]);
  const y = scale([0, 1], [H - M.bottom, M.top]);
  axes(svg, x, y, [0, 1], [0, 1], 'false positive rate', 'true positive rate');
  svg.append(el('line', { class: 'diagonal', x1: x(0), y1: y(0), x2: x(1), y2: y(1) }));
  const colors = ['#0969da', '#bf3989', '#1a7f37', '#9a6700', '#8250df', '#cf222e'];
  series.forEach((s, k) => {
    const order = s.scores.map((v, i) => i).sort((a, b) => s.scores[b] - s.scores[a]);
    const pos = s.positives.filter(Boolean).length, neg = s.positives.length - pos;
    if (pos === 0 || neg === 0) return;
    let tp = 0, fp = 0, auc = 0, prev = [0, 0];
    const points = [[0, 0]];
    order.forEach((i, n) => {
      if (s.positives[i]) tp++; else fp++;
      // Tied scores form one step.
      if (n + 1 < order.length && s.scores[order[n + 1]] === s.scores[i]) return;
      const p = [fp / neg, tp / pos];
      auc += (p[0] - prev[0]) * (p[1] + prev[1]) / 2;
      prev = p;
      points.push(p);
    });
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('');
    svg.append(el('path', { class: 'line roc', d, stroke: colors[k % colors.length], 'data-auc': auc.toFixed(4) }));
    svg.append(text(x(0.55), y(0.05) - 12 * (series.length - 1 - k), `${s.name}: AUC ${auc.toFixed(3)}`, { fill: colors[k % colors.length] }));
  });
  return svg;
}

/** Predicted against actual, with the y = x line a perfect model would sit on. */
export function predictedVsActual(actual, predicted) {
  const svg = frame('predicted-vs-actual');
  const domain = extent([...actual, ...predicted]);
  const x = scale(domain, [M.left, W - M.right]);
  const y = scale(domain, [H - M.bottom, M.top]);
  axes(svg, x, y, domain, domain, 'actual', 'predicted');
  svg.append(el('line', { class: 'diagonal', x1: x(domain[0]), y1: y(domain[0]), x2: x(domain[1]), y2: y(domain[1]) }));
  actual.forEach((a, i) => svg.append(el('circle', { class: 'point', cx: x(a).toFixed(1), cy: y(predicted[i]).toFixed(1), r: 2.5 })));
  return svg;
}

/** Residual (predicted − actual) against predicted: a shapeless band around zero is what a good fit looks like. */
export function residuals(actual, predicted) {
  const svg = frame('residuals');
  const res = predicted.map((p, i) => p - actual[i]);
  const bound = Math.max(...res.map(Math.abs), 1e-9);
  const xDomain = extent(predicted);
  const x = scale(xDomain, [M.left, W - M.right]);
  const y = scale([-bound, bound], [H - M.bottom, M.top]);
  axes(svg, x, y, xDomain, [-bound, bound], 'predicted', 'residual');
  svg.append(el('line', { class: 'diagonal', x1: x(xDomain[0]), y1: y(0), x2: x(xDomain[1]), y2: y(0) }));
  predicted.forEach((p, i) => svg.append(el('circle', { class: 'point', cx: x(p).toFixed(1), cy: y(res[i]).toFixed(1), r: 2.5 })));
  return svg;
}

/** Horizontal bars ({ name, value, error? }), largest first, with a whisker for the standard deviation. */
export function bars(kind, items, valueTitle) {
  const rowHeight = 20, left = 120;
  const height = M.top + rowHeight * items.length + 30;
  const svg = frame(kind, W, height);
  const max = Math.max(...items.map((d) => Math.abs(d.value) + (d.error ?? 0)), 1e-12);
  const x = scale([0, max], [left, W - M.right]);
  items.forEach((d, i) => {
    const top = M.top + rowHeight * i;
    svg.append(text(left - 4, top + 13, d.name, { 'text-anchor': 'end' }));
    svg.append(el('rect', { class: 'bar', x: left, y: top + 3, width: Math.max(1, x(Math.abs(d.value)) - left).toFixed(1), height: rowHeight - 6, 'data-value': d.value },
      el('title', {}, `${d.name}: ${fmt(d.value)}${d.error ? ` ± ${fmt(d.error)}` : ''}`)));
    if (d.error) {
      svg.append(el('line', { class: 'axis', x1: x(Math.max(0, Math.abs(d.value) - d.error)), x2: x(Math.abs(d.value) + d.error), y1: top + rowHeight / 2, y2: top + rowHeight / 2 }));
    }
  });
  svg.append(text((left + W - M.right) / 2, height - 6, valueTitle, { 'text-anchor': 'middle' }));
  return svg;
}

/** Values over time ({ time: Date, value }): bars for counts, a line for a measure. */
export function timeSeries(kind, points, valueTitle, asBars) {
  const svg = frame(kind);
  const times = points.map((p) => p.time.getTime());
  const step = points.length > 1 ? times[1] - times[0] : 60_000;
  const xDomain = [times[0], times[times.length - 1] + step];
  const yMax = Math.max(...points.map((p) => p.value), 1e-9);
  const x = scale(xDomain, [M.left, W - M.right]);
  const y = scale([0, yMax], [H - M.bottom, M.top]);
  axes(svg, x, y, xDomain, [0, yMax], 'time (UTC)', valueTitle, (t) => new Date(t).toISOString().slice(11, 16));
  if (asBars) {
    points.forEach((p) => svg.append(el('rect', {
      class: 'bar', x: x(p.time.getTime()).toFixed(1), y: y(p.value).toFixed(1),
      width: Math.max(1, x(p.time.getTime() + step) - x(p.time.getTime()) - 1).toFixed(1), height: (y(0) - y(p.value)).toFixed(1), 'data-value': p.value,
    }, el('title', {}, `${p.time.toISOString()}: ${p.value}`))));
  } else {
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.time.getTime() + step / 2).toFixed(1)},${y(p.value).toFixed(1)}`).join('');
    svg.append(el('path', { class: 'line', d }));
    points.forEach((p) => svg.append(el('circle', { class: 'point', cx: x(p.time.getTime() + step / 2).toFixed(1), cy: y(p.value).toFixed(1), r: 3, 'data-value': p.value })));
  }
  return svg;
}
