import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A card as Lark takes it (Card JSON 2.0). */
export type CardJson = Record<string, unknown>;
type Node = Record<string, unknown>;

const CARDS_DIR = fileURLToPath(new URL('../../../cards/', import.meta.url));
const cache = new Map<string, string>();

/** A fresh copy of cards/<name>.json, to fill in. */
export function loadCardTemplate(name: string): CardJson {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(`${CARDS_DIR}${name}.json`, 'utf8');
    cache.set(name, text);
  }
  return JSON.parse(text) as CardJson;
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

/** Sets fields of the element with this `element_id` (e.g. a markdown's content). */
export function setElement(card: CardJson, elementId: string, fields: Node): void {
  let found = false;
  walk(card, (n) => {
    if (n.element_id === elementId) {
      Object.assign(n, fields);
      found = true;
    }
  });
  if (!found) throw new Error(`card template has no element ${elementId}`);
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

/** Text safe inside a card's markdown: no tags (no stray @all), no emphasis marks. */
export function escapeMarkdown(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([*_~`[\]])/g, '\\$1');
}
