// The card `chart` element (a VChart spec) drawn as the Lark client draws a bar chart: one
// bar per x value, series stacked (or side by side without `stack`), value axis, legend.
import { escapeHtml } from './markdown.js';

const PALETTE = ['#3370ff', '#34c724', '#ff8800', '#7f3bf5', '#f54a45', '#8f959e', '#14c0ab', '#d99c00'];
const W = 640;
const PAD = { left: 40, right: 12, top: 40, bottom: 34 };

const textOf = (t) => (typeof t === 'string' ? t : (t?.text ?? t?.content ?? ''));
const valuesOf = (spec) => (Array.isArray(spec.data) ? spec.data.flatMap((d) => d.values ?? []) : (spec.data?.values ?? []));
const unique = (xs) => [...new Set(xs)];

/** A "nice" axis maximum and step: 1, 2 or 5 times a power of ten. */
function niceScale(max, ticks = 5) {
  if (max <= 0) return { top: 1, step: 1 };
  const raw = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  return { top: Math.max(step, Math.ceil(max / step) * step), step: Math.max(1, step) };
}

function colorsOf(spec, series) {
  const domain = spec.color?.domain ?? [];
  const range = Array.isArray(spec.color) ? spec.color : (spec.color?.range ?? PALETTE);
  return new Map(series.map((s, i) => [s, range[domain.indexOf(s)] ?? range[i % range.length] ?? PALETTE[i % PALETTE.length]]));
}

export function drawChart(e) {
  const spec = e.chart_spec ?? {};
  const wrap = document.createElement('figure');
  wrap.className = 'chart';
  const [rw, rh] = String(e.aspect_ratio ?? '16:9').split(':').map(Number);
  const H = Math.round((W * (rh || 9)) / (rw || 16));
  if (spec.type !== 'bar') {
    wrap.innerHTML = `<figcaption class="chart-title">${escapeHtml(textOf(spec.title))}</figcaption><div class="muted">（本地聊天只能画柱状图，此图为 ${escapeHtml(spec.type ?? '未知')} 类型）</div>`;
    return wrap;
  }
  const xf = spec.xField;
  const yf = spec.yField;
  const sf = spec.seriesField;
  const rows = valuesOf(spec);
  const xs = unique(rows.map((d) => String(d[xf])));
  const series = sf ? unique(rows.map((d) => String(d[sf]))) : [''];
  const color = colorsOf(spec, series);
  const val = (x, s) => rows.filter((d) => String(d[xf]) === x && (!sf || String(d[sf]) === s)).reduce((n, d) => n + (Number(d[yf]) || 0), 0);
  const stacked = !!spec.stack;
  const max = Math.max(0, ...xs.map((x) => (stacked ? series.reduce((n, s) => n + val(x, s), 0) : Math.max(...series.map((s) => val(x, s))))));
  const { top, step } = niceScale(max);
  // As many legend columns as the longest label allows (12 px a character), at most three.
  const longest = Math.max(1, ...series.map((s) => s.length));
  const legendCols = Math.max(1, Math.min(3, Math.floor((W - PAD.left - PAD.right) / (longest * 12 + 30))));
  const legendRows = sf && spec.legends?.visible !== false ? Math.ceil(series.length / legendCols) : 0;
  const plotH = H - PAD.top - PAD.bottom - legendRows * 20;
  const plotW = W - PAD.left - PAD.right;
  const y = (v) => PAD.top + plotH - (v / top) * plotH;
  const band = plotW / Math.max(1, xs.length);
  const barW = Math.min(40, band * 0.6);

  const parts = [];
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" class="grid"/>`, `<text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" class="tick">${v}</text>`);
  }
  xs.forEach((x, i) => {
    const cx = PAD.left + band * i + band / 2;
    let base = 0;
    series.forEach((s, j) => {
      const v = val(x, s);
      if (!v) return;
      const w = stacked ? barW : barW / series.length;
      const left = stacked ? cx - barW / 2 : cx - barW / 2 + j * w;
      const from = stacked ? base : 0;
      parts.push(`<rect x="${left}" y="${y(from + v)}" width="${w}" height="${y(from) - y(from + v)}" fill="${color.get(s)}" data-series="${escapeHtml(s)}" data-x="${escapeHtml(x)}" data-value="${v}"><title>${escapeHtml(`${x} ${s}：${v}`)}</title></rect>`);
      if (stacked) base += v;
    });
    parts.push(`<text x="${cx}" y="${PAD.top + plotH + 18}" text-anchor="middle" class="tick x-label">${escapeHtml(x)}</text>`);
  });
  series.forEach((s, i) => {
    if (!legendRows) return;
    const lx = PAD.left + (i % legendCols) * (plotW / legendCols);
    const ly = H - legendRows * 20 + Math.floor(i / legendCols) * 20;
    parts.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" rx="2" fill="${color.get(s)}"/>`, `<text x="${lx + 14}" y="${ly}" class="legend">${escapeHtml(s)}</text>`);
  });
  const title = textOf(spec.title);
  wrap.innerHTML =
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title || '柱状图')}">` +
    (title ? `<text x="${W / 2}" y="22" text-anchor="middle" class="chart-heading">${escapeHtml(title)}</text>` : '') +
    parts.join('') +
    '</svg>';
  if (!rows.length) wrap.append(Object.assign(document.createElement('div'), { className: 'muted', textContent: '（无数据）' }));
  return wrap;
}
