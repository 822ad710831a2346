// Renders Card JSON 2.0 (and the 1.0 layout) as HTML, and turns clicks, selections and form
// submits into the `action` object Lark puts in card.action.trigger.
import { escapeHtml, markdownToHtml } from './markdown.js';

const h = (tag, cls, html) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (html !== undefined) e.innerHTML = html;
  return e;
};

/** plain_text / lark_md objects, i18n, or a bare string. */
export function textOf(t) {
  if (t == null) return '';
  if (typeof t === 'string') return t;
  if (typeof t.content === 'string') return t.content;
  if (t.i18n_content) return t.i18n_content.zh_cn ?? Object.values(t.i18n_content)[0] ?? '';
  if (t.i18n) return textOf(t.i18n.zh_cn ?? Object.values(t.i18n)[0]);
  return '';
}

function richText(t, ctx) {
  if (t && t.tag === 'lark_md') return markdownToHtml(textOf(t), ctx.nameOf);
  return escapeHtml(textOf(t)).replace(/\n/g, '<br>');
}

const callbackOf = (e) => (e.behaviors ?? []).find((b) => b.type === 'callback')?.value ?? e.value;
const openUrlOf = (e) => (e.behaviors ?? []).find((b) => b.type === 'open_url')?.default_url ?? e.url ?? e.multi_url?.url;

/** Lark sends a picked date as `YYYY-MM-DD +0800`, with the device's offset. */
export function pickedDate(day) {
  const off = -new Date(`${day}T12:00:00`).getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${day} ${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

function labelled(e, control) {
  const wrap = h('label', 'field');
  const label = textOf(e.label);
  if (label) wrap.append(h('span', 'field-label', escapeHtml(label) + (e.required ? '<i class="req">*</i>' : '')));
  wrap.append(control);
  const err = h('span', 'field-error');
  wrap.append(err);
  return { wrap, err };
}

function input(e, ctx) {
  const multiline = e.input_type === 'multiline_text' || (e.rows ?? 1) > 1;
  const c = document.createElement(multiline ? 'textarea' : 'input');
  if (multiline) c.rows = e.rows ?? 3;
  else c.type = e.input_type === 'password' ? 'password' : 'text';
  c.name = e.name ?? '';
  c.placeholder = textOf(e.placeholder);
  if (e.max_length) c.maxLength = e.max_length;
  c.value = e.default_value ?? '';
  c.disabled = !!e.disabled;
  const { wrap, err } = labelled(e, c);
  if (ctx.form) ctx.form.fields.push({ e, err, get: () => c.value, reset: () => (c.value = e.default_value ?? '') });
  else if (callbackOf(e)) {
    const fire = () => c.value && ctx.act({ tag: 'input', name: e.name, value: callbackOf(e), inputValue: c.value });
    c.addEventListener('change', fire);
  }
  return wrap;
}

function select(e, ctx) {
  const c = document.createElement('select');
  c.name = e.name ?? '';
  const multi = e.tag === 'multi_select_static';
  c.multiple = multi;
  if (!multi) c.append(new Option(textOf(e.placeholder) || '请选择', ''));
  const initial = e.initial_option ?? e.initial_options ?? [];
  for (const o of e.options ?? []) {
    const opt = new Option(textOf(o.text), o.value);
    opt.selected = Array.isArray(initial) ? initial.includes(o.value) : initial === o.value;
    c.append(opt);
  }
  c.disabled = !!e.disabled;
  const { wrap, err } = labelled(e, c);
  const get = () => (multi ? [...c.selectedOptions].map((o) => o.value) : c.value);
  if (ctx.form) ctx.form.fields.push({ e, err, get, reset: () => (c.value = typeof initial === 'string' ? initial : '') });
  else c.addEventListener('change', () => c.value && ctx.act({ tag: e.callbackTag ?? e.tag, name: e.name, value: callbackOf(e) ?? {}, option: c.value }));
  return wrap;
}

/** select_person: the options given, or (without options) every person the page knows, by name. */
function selectPerson(e, ctx) {
  const ids = e.options?.length ? e.options.map((o) => o.value) : ctx.people().map((p) => p.openId);
  const options = ids.map((id) => ({ text: ctx.nameOf(id), value: id }));
  return select({ ...e, tag: e.tag === 'multi_select_person' ? 'multi_select_static' : 'select_static', options, callbackTag: e.tag }, ctx);
}

function picker(e, ctx) {
  const c = document.createElement('input');
  c.type = e.tag === 'picker_time' ? 'time' : e.tag === 'picker_datetime' ? 'datetime-local' : 'date';
  c.name = e.name ?? '';
  c.value = e.initial_date ?? e.initial_time ?? e.initial_datetime ?? '';
  c.disabled = !!e.disabled;
  const { wrap, err } = labelled(e, c);
  const value = () => (c.value && c.type === 'date' ? pickedDate(c.value) : c.value);
  if (ctx.form) ctx.form.fields.push({ e, err, get: value, reset: () => (c.value = e.initial_date ?? '') });
  else c.addEventListener('change', () => c.value && ctx.act({ tag: e.tag, name: e.name, value: callbackOf(e) ?? {}, option: value() }));
  return wrap;
}

function checker(e, ctx) {
  const c = document.createElement('input');
  c.type = 'checkbox';
  c.checked = !!e.checked;
  const wrap = h('label', 'checker');
  wrap.append(c, h('span', '', richText(e.text, ctx)));
  if (ctx.form) ctx.form.fields.push({ e, err: h('span'), get: () => c.checked, reset: () => (c.checked = !!e.checked) });
  else c.addEventListener('change', () => ctx.act({ tag: 'checker', name: e.name, value: callbackOf(e) ?? {}, checked: c.checked }));
  return wrap;
}

/** form_value as Lark sends it; undefined (and the errors shown) when a required field is empty. */
function collect(form) {
  const values = {};
  let ok = true;
  for (const f of form.fields) {
    const v = f.get();
    const empty = v === '' || (Array.isArray(v) && v.length === 0);
    f.err.textContent = '';
    if (empty && f.e.required) {
      f.err.textContent = `请填写${textOf(f.e.label) || textOf(f.e.placeholder) || '此项'}`;
      ok = false;
    }
    if (!f.e.name) continue;
    if (!empty || f.e.tag === 'input') values[f.e.name] = v;
  }
  return ok ? values : undefined;
}

function button(e, ctx) {
  const b = h('button', `btn btn-${(e.type ?? 'default').replace(/[^a-z_]/g, '')}`, escapeHtml(textOf(e.text)));
  b.type = 'button';
  b.disabled = !!e.disabled;
  if (e.name) b.dataset.name = e.name;
  const form = ctx.form;
  b.addEventListener('click', () => {
    if (e.confirm && !window.confirm(`${textOf(e.confirm.title)}\n${textOf(e.confirm.text)}`)) return;
    const url = openUrlOf(e);
    if (url) window.open(url, '_blank', 'noopener');
    if (form && e.form_action_type === 'reset') return form.fields.forEach((f) => f.reset());
    if (form && e.form_action_type === 'submit') {
      const formValue = collect(form);
      if (formValue) ctx.act({ tag: 'button', name: e.name, value: callbackOf(e) ?? {}, formValue });
      return;
    }
    if (callbackOf(e)) ctx.act({ tag: 'button', name: e.name, value: callbackOf(e) });
  });
  return b;
}

function table(e, ctx) {
  const wrap = h('div', 'table-wrap');
  const t = h('table', 'card-table');
  const cols = e.columns ?? [];
  const head = h('tr');
  for (const c of cols) head.append(h('th', '', escapeHtml(c.display_name ?? c.name)));
  t.append(head);
  for (const row of e.rows ?? []) {
    const tr = h('tr');
    for (const c of cols) tr.append(h('td', '', cell(row[c.name], c, ctx)));
    t.append(tr);
  }
  wrap.append(t);
  return wrap;
}

function cell(v, col, ctx) {
  if (v == null) return '';
  if (col.data_type === 'lark_md') return markdownToHtml(String(v), ctx.nameOf);
  if (col.data_type === 'options') return (Array.isArray(v) ? v : [v]).map((o) => `<span class="tag tag-${escapeHtml(o.color ?? 'neutral')}">${escapeHtml(o.text ?? o)}</span>`).join(' ');
  if (col.data_type === 'persons') return (Array.isArray(v) ? v : [v]).map((id) => escapeHtml(ctx.nameOf(id))).join('、');
  if (col.data_type === 'date' && typeof v === 'number') return escapeHtml(new Date(v).toLocaleDateString('zh-CN'));
  if (col.data_type === 'number' && typeof v === 'number') return escapeHtml(v.toLocaleString('zh-CN', { maximumFractionDigits: col.format?.precision ?? 2 }));
  return escapeHtml(typeof v === 'object' ? JSON.stringify(v) : String(v));
}

/** A VChart spec drawn as labelled bars: enough to read the figures without the Lark client. */
function chart(e) {
  const spec = e.chart_spec ?? {};
  const wrap = h('div', 'chart');
  const title = textOf(spec.title?.text ?? spec.title);
  wrap.append(h('div', 'chart-title', escapeHtml(title || '图表') + '<small>（本地简化显示）</small>'));
  const data = Array.isArray(spec.data) ? spec.data.flatMap((d) => d.values ?? []) : (spec.data?.values ?? []);
  const xf = spec.categoryField ?? spec.xField;
  const yf = spec.valueField ?? spec.yField;
  const key = (f, d) => (Array.isArray(f) ? f.map((k) => d[k]).join(' · ') : d[f]);
  const rows = data.slice(0, 60).map((d) => ({ label: `${key(xf, d) ?? ''}${spec.seriesField ? ` · ${d[spec.seriesField]}` : ''}`, value: Number(key(yf, d)) || 0 }));
  const max = Math.max(1, ...rows.map((r) => r.value));
  for (const r of rows) {
    const row = h('div', 'bar-row');
    row.append(h('span', 'bar-label', escapeHtml(r.label)), h('span', 'bar', ''), h('span', 'bar-value', escapeHtml(r.value)));
    row.children[1].style.width = `${Math.round((r.value / max) * 100)}%`;
    wrap.append(row);
  }
  if (!rows.length) wrap.append(h('div', 'muted', '（无数据）'));
  return wrap;
}

function container(cls, elements, ctx) {
  const d = h('div', cls);
  for (const child of elements ?? []) d.append(element(child, ctx));
  return d;
}

function element(e, ctx) {
  switch (e.tag) {
    case 'markdown':
    case 'lark_md':
      return h('div', `md align-${e.text_align ?? 'left'}`, markdownToHtml(e.content ?? textOf(e.text), ctx.nameOf));
    case 'div': {
      const d = h('div', 'div-text');
      if (e.text) d.append(h('div', '', richText(e.text, ctx)));
      if (e.fields) {
        const g = h('div', 'fields');
        for (const f of e.fields) g.append(h('div', f.is_short ? 'field-short' : 'field-long', richText(f.text, ctx)));
        d.append(g);
      }
      return d;
    }
    case 'plain_text':
      return h('div', 'div-text', richText(e, ctx));
    case 'hr':
      return h('hr');
    case 'note':
      return container('note', e.elements?.map((x) => (x.tag === 'plain_text' || x.tag === 'lark_md' ? { tag: 'div', text: x } : x)), ctx);
    case 'column_set': {
      const d = h('div', 'cols');
      for (const c of e.columns ?? []) {
        const col = container('col', c.elements, ctx);
        col.style.flex = c.width === 'auto' ? '0 0 auto' : String(c.weight ?? 1);
        d.append(col);
      }
      return d;
    }
    case 'form': {
      const f = h('form', 'card-form');
      f.dataset.name = e.name ?? '';
      f.addEventListener('submit', (ev) => ev.preventDefault());
      const formCtx = { ...ctx, form: { name: e.name, fields: [] } };
      for (const child of e.elements ?? []) f.append(element(child, formCtx));
      return f;
    }
    case 'action':
      return container('actions', e.actions, ctx);
    case 'input':
      return input(e, ctx);
    case 'select_static':
    case 'multi_select_static':
      return select(e, ctx);
    case 'select_person':
    case 'multi_select_person':
      return selectPerson(e, ctx);
    case 'date_picker':
    case 'picker_time':
    case 'picker_datetime':
      return picker(e, ctx);
    case 'checker':
      return checker(e, ctx);
    case 'button':
      return button(e, ctx);
    case 'table':
      return table(e, ctx);
    case 'chart':
      return chart(e);
    case 'collapsible_panel': {
      const d = h('details', 'panel');
      d.open = !!e.expanded;
      d.append(h('summary', '', richText(e.header?.title ?? '详情', ctx)));
      d.append(container('panel-body', e.elements, ctx));
      return d;
    }
    case 'interactive_container': {
      const d = container('interactive', e.elements, ctx);
      if (callbackOf(e)) d.addEventListener('click', (ev) => ev.target === d && ctx.act({ tag: 'interactive_container', value: callbackOf(e) }));
      return d;
    }
    case 'person':
      return h('span', 'at', '@' + escapeHtml(ctx.nameOf(e.user_id)));
    case 'person_list':
      return h('div', '', (e.persons ?? []).map((p) => `<span class="at">@${escapeHtml(ctx.nameOf(p.id))}</span>`).join(' '));
    case 'img':
    case 'image':
      return h('div', 'img-placeholder', `[图片${e.alt ? '：' + escapeHtml(textOf(e.alt)) : ''}]`);
    default: {
      const d = h('div', 'unknown', `[本地聊天暂不支持的元素：${escapeHtml(e.tag)}]`);
      if (Array.isArray(e.elements)) d.append(container('', e.elements, ctx));
      return d;
    }
  }
}

/** A card the Lark client would refuse: what the card check found, instead of the card. */
function refused(root, findings) {
  const box = h('div', 'card-refused', '<strong>飞书客户端将拒收此卡片</strong>');
  const list = h('ul');
  for (const f of findings) list.append(h('li', '', escapeHtml(f)));
  box.append(list);
  root.append(box);
  return root;
}

/**
 * The card as HTML. `act(action)` receives what Lark would put in `event.action` (camelCase
 * for form_value/input_value), and resolves with the callback's answer.
 */
export function renderCard(card, { act, nameOf, people = () => [], findings = [] }) {
  const root = h('div', 'card');
  if (findings.length) return refused(root, findings);
  if (card.type === 'template') {
    root.append(h('div', 'unknown', '[模板卡片：本地聊天无法显示]'));
    return root;
  }
  let busy = false;
  const ctx = {
    nameOf,
    people,
    act: async (action) => {
      if (busy) return;
      busy = true;
      root.classList.add('busy');
      try {
        await act(action);
      } finally {
        busy = false;
        root.classList.remove('busy');
      }
    },
  };
  const head = card.header;
  if (head && (head.title || head.subtitle)) {
    const hd = h('div', `card-header tpl-${(head.template ?? 'default').replace(/[^a-z]/g, '')}`);
    hd.append(h('div', 'card-title', escapeHtml(textOf(head.title))));
    if (head.subtitle) hd.append(h('div', 'card-subtitle', escapeHtml(textOf(head.subtitle))));
    for (const t of head.text_tag_list ?? []) hd.append(h('span', `tag tag-${t.color ?? 'neutral'}`, escapeHtml(textOf(t.text))));
    root.append(hd);
  }
  root.append(container('card-body', card.body?.elements ?? card.elements ?? [], ctx));
  return root;
}
