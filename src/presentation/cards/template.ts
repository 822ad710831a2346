import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A card as Lark takes it (Card JSON 2.0). */
export type CardJson = Record<string, unknown>;
type Node = Record<string, unknown>;

/** Card JSON lives in cards/ at the project root; each file is read and parsed once. */
const CARDS_DIR = fileURLToPath(new URL('../../../cards/', import.meta.url));
const cache = new Map<string, CardJson>();

/** A fresh copy of cards/<name>.json (one whole card), to fill in by element_id. */
export function loadTemplate(name: string): CardJson {
  let card = cache.get(name);
  if (card === undefined) {
    card = JSON.parse(readFileSync(`${CARDS_DIR}${name}.json`, 'utf8')) as CardJson;
    cache.set(name, card);
  }
  return copyOf(card);
}

/** A deep copy of parsed JSON (plain objects, arrays, primitives): several times faster than parsing the text again. */
function copyOf<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => (typeof x === 'object' && x !== null ? copyOf(x) : x)) as T;
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    out[k] = typeof x === 'object' && x !== null ? copyOf(x) : x;
  }
  return out as T;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Calls `visit` on every object in the card, depth first (after the visit, so a child the
 * visit put in is walked too). Every card answer walks its card a few times: no copies.
 */
function walk(v: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) walk(v[i], visit);
  } else if (isNode(v)) {
    visit(v);
    for (const k in v) if (typeof v[k] === 'object' && v[k] !== null) walk(v[k], visit);
  }
}

/**
 * Sets fields of the element whose `element_id` is `elementId`, wherever it sits in the card:
 * the one way a template is filled (a form field's `name` is what Lark submits, never a key
 * here, so a field and a text block cannot be mixed up). An id the template does not have is a
 * mistake in the template: it throws.
 */
export function setElement(card: CardJson, elementId: string, fields: Node): void {
  setElements(card, { [elementId]: fields });
}

/** setElement for several elements in one walk of the card. */
export function setElements(card: CardJson, byId: Record<string, Node>): void {
  const missing = new Set(Object.keys(byId));
  walk(card, (n) => {
    if (typeof n.tag === 'string' && typeof n.element_id === 'string' && Object.hasOwn(byId, n.element_id)) {
      Object.assign(n, byId[n.element_id]);
      missing.delete(n.element_id);
    }
  });
  for (const id of missing) throw new Error(`card template has no element ${id}`);
}

/** Sets the header's title, subtitle or colour. */
export function setHeader(card: CardJson, o: { title?: string; subtitle?: string; template?: string }): void {
  const header = card.header as Node;
  if (o.title !== undefined) header.title = plain(o.title);
  if (o.subtitle !== undefined) header.subtitle = plain(o.subtitle);
  if (o.template !== undefined) header.template = o.template;
}

/** Removes the elements with these `element_id`s wherever they are. */
export function removeElements(card: CardJson, elementIds: string[]): void {
  const drop = new Set(elementIds);
  const dropped = (x: unknown) => isNode(x) && drop.has(String(x.element_id));
  walk(card, (n) => {
    for (const k in n) {
      const v = n[k];
      if (Array.isArray(v) && v.some(dropped)) n[k] = v.filter((x) => !dropped(x));
    }
  });
}

/** Adds fields to the value of every callback behaviour (e.g. which session a button belongs to). */
export function addCallbackValues(card: CardJson, extra: Node): void {
  walk(card, (n) => {
    if (n.type === 'callback' && isNode(n.value)) n.value = { ...n.value, ...extra };
  });
}

export function plain(content: string): { tag: 'plain_text'; content: string } {
  return { tag: 'plain_text', content };
}
