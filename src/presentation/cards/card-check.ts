import { isOpenId } from '../../domain/people/open-id.js';
import * as R from './card-rules.js';

/**
 * Checks a card against Lark's documented Card JSON 2.0 rules (see card-rules.ts for each
 * rule's page). Returns the findings, one line each, empty when the card is sound. Used by the
 * tests on every card the bot sends, and by the local chat, which refuses to draw a bad card.
 */
export function checkCard(card: unknown): string[] {
  const out: string[] = [];
  if (!isObject(card)) return ['卡片不是 JSON 对象'];
  onlyKeys(card, R.CARD_KEYS, '卡片', out);
  if (card.schema !== '2.0') out.push('schema 应为 "2.0"');
  if (isObject(card.config)) {
    onlyKeys(card.config, R.CONFIG_KEYS, 'config', out);
    if (card.config.update_multi === false) out.push('config.update_multi 在 JSON 2.0 中只能为 true');
  }
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  const seen = { ids, names };
  if (card.header !== undefined) checkHeader(card.header, seen, out);
  if (card.body !== undefined) {
    if (!isObject(card.body)) out.push('body 应为对象');
    else {
      onlyKeys(card.body, R.BODY_KEYS, 'body', out);
      list(card.body.elements, 'body.elements', out).forEach((e, i) => checkElement(e, `body.elements[${i}]`, { top: true, form: false }, seen, out));
    }
  }
  for (const [id, n] of ids) if (n > 1) out.push(`element_id「${id}」重复 ${n} 次，应在卡片内唯一`);
  for (const [name, n] of names) if (n > 1) out.push(`name「${name}」重复 ${n} 次，应在卡片内唯一`);
  const count = countTagged(card);
  if (count > R.MAX_ELEMENTS) out.push(`元素 ${count} 个，超过 ${R.MAX_ELEMENTS} 个`);
  // The limit is on the request body, where the card travels as a JSON string inside JSON.
  const bytes = Buffer.byteLength(JSON.stringify(JSON.stringify(card)), 'utf8');
  if (bytes > R.MAX_BYTES) out.push(`卡片 ${(bytes / 1024).toFixed(1)} KB，超过 30 KB`);
  return out;
}

/** Checks a card callback's answer: `{toast: {type, content}, card: {type: 'raw', data}}`, both optional. */
export function checkCallbackAnswer(answer: unknown): string[] {
  if (!isObject(answer)) return ['回调应答不是 JSON 对象'];
  const out: string[] = [];
  onlyKeys(answer, R.ANSWER_KEYS, '回调应答', out);
  if (answer.toast !== undefined) {
    if (!isObject(answer.toast)) out.push('toast 应为对象');
    else {
      onlyKeys(answer.toast, R.TOAST_KEYS, 'toast', out);
      if (!R.TOAST_TYPES.includes(String(answer.toast.type))) out.push(`toast.type「${String(answer.toast.type)}」不在 info、success、error、warning 之中`);
      if (typeof answer.toast.content !== 'string' || answer.toast.content === '') out.push('toast.content 应为非空文字');
    }
  }
  if (answer.card !== undefined) {
    if (!isObject(answer.card) || answer.card.type !== 'raw' || answer.card.data === undefined) out.push('card 应为 {type: "raw", data: 卡片}');
    else {
      onlyKeys(answer.card, ['type', 'data'], 'card', out);
      out.push(...checkCard(answer.card.data).map((f) => `card.data: ${f}`));
    }
  }
  return out;
}

type Obj = Record<string, unknown>;
interface Seen {
  ids: Map<string, number>;
  names: Map<string, number>;
}

function checkHeader(header: unknown, seen: Seen, out: string[]): void {
  if (!isObject(header)) return void out.push('header 应为对象');
  onlyKeys(header, R.HEADER_KEYS, 'header', out);
  if (!isObject(header.title)) out.push('header.title 必填');
  else checkText(header.title, 'header.title', out);
  if (header.subtitle !== undefined) checkText(header.subtitle, 'header.subtitle', out);
  if (header.template !== undefined && !R.HEADER_TEMPLATES.includes(String(header.template))) out.push(`header.template「${String(header.template)}」不是可选颜色`);
  list(header.text_tag_list ?? [], 'header.text_tag_list', out).forEach((t, i) => {
    if (!isObject(t)) return;
    onlyKeys(t, ['tag', 'element_id', 'text', 'color'], `header.text_tag_list[${i}]`, out);
    if (t.element_id !== undefined) checkElementId(String(t.element_id), `header.text_tag_list[${i}]`, seen, out);
  });
}

function checkText(t: unknown, at: string, out: string[], max?: number): void {
  if (!isObject(t)) return void out.push(`${at} 应为文本对象`);
  onlyKeys(t, R.TEXT_KEYS, at, out);
  if (t.tag !== 'plain_text' && t.tag !== 'lark_md') out.push(`${at}.tag 应为 plain_text 或 lark_md`);
  if (max !== undefined && typeof t.content === 'string' && [...t.content].length > max) out.push(`${at}.content 超过 ${max} 字`);
}

function checkElement(e: unknown, at: string, where: { top: boolean; form: boolean }, seen: Seen, out: string[]): void {
  if (!isObject(e) || typeof e.tag !== 'string') return void out.push(`${at} 不是组件`);
  const tag = e.tag;
  const rule = R.TAGS[tag];
  const label = `${at}（${tag}）`;
  if (!rule) return void out.push(`${label} 不是本检查认识的组件`);
  onlyKeys(e, [...rule.keys, ...(where.form ? (rule.inForm ?? []) : [])], label, out);
  if (e.element_id !== undefined) checkElementId(String(e.element_id), label, seen, out);
  if (typeof e.name === 'string') seen.names.set(e.name, (seen.names.get(e.name) ?? 0) + 1);
  if (R.NOT_NESTABLE.includes(tag) && (!where.top || where.form)) out.push(`${label} 只能放在 body.elements 顶层`);
  if (where.form && rule.formField && (typeof e.name !== 'string' || e.name === '')) out.push(`${label} 在表单内必须有 name`);
  if (tag === 'form') checkForm(e, label, out);
  if (tag === 'button') {
    checkText(e.text, `${label}.text`, out, R.MAX_SHORT_TEXT);
    if (e.form_action_type !== undefined && !R.FORM_ACTIONS.includes(String(e.form_action_type))) out.push(`${label} form_action_type 应为 submit 或 reset`);
  }
  if (e.placeholder !== undefined) checkText(e.placeholder, `${label}.placeholder`, out, R.MAX_SHORT_TEXT);
  if (e.label !== undefined) checkText(e.label, `${label}.label`, out);
  if (e.text !== undefined && tag !== 'button') checkText(e.text, `${label}.text`, out);
  if (tag === 'input') checkInput(e, label, out);
  if (tag === 'markdown' && typeof e.content === 'string' && R.AT_ALL.test(e.content)) out.push(`${label} 含 @所有人，未经群主授权卡片将发送失败`);
  if (tag === 'select_person') checkPeopleOptions(e, label, out);
  if (e.behaviors !== undefined) checkBehaviors(e.behaviors, label, out);
  if (e.confirm !== undefined) checkConfirm(e.confirm, label, out);
  const inner = { top: false, form: where.form || tag === 'form' };
  if (tag === 'column_set') list(e.columns ?? [], `${at}.columns`, out).forEach((c, i) => checkElement(c, `${at}.columns[${i}]`, inner, seen, out));
  if (Array.isArray(e.elements)) e.elements.forEach((c, i) => checkElement(c, `${at}.elements[${i}]`, inner, seen, out));
}

function checkElementId(id: string, label: string, seen: Seen, out: string[]): void {
  if (!R.ELEMENT_ID.test(id)) out.push(`${label} element_id「${id}」应以字母开头，只含字母、数字、下划线，不超过 20 字符`);
  seen.ids.set(id, (seen.ids.get(id) ?? 0) + 1);
}

/** `…/containers/form-container`: a name, and 「表单容器中必须至少有一个带有提交属性的按钮」. */
function checkForm(form: Obj, label: string, out: string[]): void {
  if (typeof form.name !== 'string' || form.name === '') out.push(`${label} 必须有 name`);
  let submit = false;
  walk(form.elements, (n) => {
    if (n.tag === 'button' && n.form_action_type === 'submit') submit = true;
  });
  if (!submit) out.push(`${label} 缺少 form_action_type 为 submit 的提交按钮`);
}

function checkInput(e: Obj, label: string, out: string[]): void {
  const max = e.max_length;
  if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > R.INPUT_MAX_LENGTH)) out.push(`${label} max_length 应为 1~1000 的整数`);
  const limit = typeof max === 'number' ? max : R.INPUT_MAX_LENGTH;
  if (typeof e.default_value === 'string' && [...e.default_value].length > limit) out.push(`${label} default_value 超过 max_length（${limit} 字）`);
}

/** `…/single-select-user-picker` options └ value: 「仅支持添加候选用户的 open_id」. */
function checkPeopleOptions(e: Obj, label: string, out: string[]): void {
  if (e.options === undefined) return;
  list(e.options, `${label}.options`, out).forEach((o, i) => {
    if (!isObject(o)) return void out.push(`${label}.options[${i}] 应为对象`);
    onlyKeys(o, ['value'], `${label}.options[${i}]`, out);
    if (typeof o.value !== 'string' || !isOpenId(o.value)) out.push(`${label}.options[${i}].value 应为 open_id`);
  });
}

function checkBehaviors(b: unknown, label: string, out: string[]): void {
  list(b, `${label}.behaviors`, out).forEach((x, i) => {
    const at = `${label}.behaviors[${i}]`;
    const keys = isObject(x) ? R.BEHAVIOR_KEYS[String(x.type)] : undefined;
    if (!isObject(x) || !keys) return void out.push(`${at}.type 应为 callback 或 open_url`);
    onlyKeys(x, keys, at, out);
    if (x.type === 'callback' && !isObject(x.value)) out.push(`${at}.value 应为对象`);
  });
}

/** `…/interactive-components/button` confirm: title and text, both plain_text. */
function checkConfirm(c: unknown, label: string, out: string[]): void {
  if (!isObject(c)) return void out.push(`${label}.confirm 应为对象`);
  onlyKeys(c, ['title', 'text'], `${label}.confirm`, out);
  checkText(c.title, `${label}.confirm.title`, out);
  checkText(c.text, `${label}.confirm.text`, out);
}

function onlyKeys(o: Obj, allowed: string[], at: string, out: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) out.push(`${at} 不支持属性 ${k}`);
}

function list(v: unknown, at: string, out: string[]): unknown[] {
  if (Array.isArray(v)) return v;
  out.push(`${at} 应为数组`);
  return [];
}

/** The structure page counts every object with a `tag`, text elements included. */
function countTagged(v: unknown): number {
  let n = 0;
  walk(v, (o) => void (typeof o.tag === 'string' && n++));
  return n;
}

function walk(v: unknown, visit: (o: Obj) => void): void {
  if (Array.isArray(v)) for (const x of v) walk(x, visit);
  else if (isObject(v)) {
    visit(v);
    for (const x of Object.values(v)) walk(x, visit);
  }
}

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
