import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A card as Lark takes it (Card JSON 2.0). */
export type CardJson = Record<string, unknown>;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = Record<string, unknown>;

/** Card JSON lives in cards/ at the project root; each file is read once. */
const CARDS_DIR = fileURLToPath(new URL('../../../cards/', import.meta.url));
const cache = new Map<string, string>();

/** A fresh copy of cards/<name>.json, to fill in. */
export function loadTemplate<T = CardJson>(name: string): T {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(`${CARDS_DIR}${name}.json`, 'utf8');
    cache.set(name, text);
  }
  return JSON.parse(text) as T;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Calls `visit` on every object in the card, depth first. */
function walk(v: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(v)) for (const x of v) walk(x, visit);
  else if (isNode(v)) {
    visit(v);
    for (const x of Object.values(v)) walk(x, visit);
  }
}

/** A deep copy with every `{{key}}` in every string replaced by its value. */
export function fill<T>(template: T, vars: Record<string, string>): T {
  const copy = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
    if (Array.isArray(v)) return v.map(copy);
    if (isNode(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    return v;
  };
  return copy(template) as T;
}

/**
 * Sets fields of the element whose `element_id` or form `name` is `key`, wherever it sits in
 * the card. A key the template does not have is a mistake in the template: it throws.
 */
export function setElement(card: unknown, key: string, fields: Node): void {
  let found = false;
  walk(card, (n) => {
    if (typeof n.tag === 'string' && (n.element_id === key || n.name === key)) {
      Object.assign(n, fields);
      found = true;
    }
  });
  if (!found) throw new Error(`card template has no element ${key}`);
}

/** Removes the elements with these `element_id`s wherever they are. */
export function removeElements(card: CardJson, elementIds: string[]): void {
  const drop = new Set(elementIds);
  walk(card, (n) => {
    for (const [k, v] of Object.entries(n)) if (Array.isArray(v)) n[k] = v.filter((x) => !(isNode(x) && drop.has(String(x.element_id))));
  });
}

/** Adds fields to the value of every callback behaviour (e.g. which session a button belongs to). */
export function addCallbackValues(card: CardJson, extra: Node): void {
  walk(card, (n) => {
    if (n.type === 'callback' && isNode(n.value)) n.value = { ...n.value, ...extra };
  });
}

/** User text inside a Lark markdown element, shown as typed: no tags (no stray @all), no emphasis or links. */
export function md(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([*_~`[\]])/g, '\\$1');
}

export function plain(content: string): { tag: 'plain_text'; content: string } {
  return { tag: 'plain_text', content };
}
