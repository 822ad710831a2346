import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Card JSON lives in cards/ at the project root; read once. */
const CARDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../cards');
const cache = new Map<string, unknown>();

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type CardJson = Record<string, unknown>;

export function loadTemplate<T = Json>(name: string): T {
  if (!cache.has(name)) cache.set(name, JSON.parse(readFileSync(join(CARDS_DIR, `${name}.json`), 'utf8')));
  return cache.get(name) as T;
}

/** A deep copy with every `{{key}}` in every string replaced by its value. */
export function fill<T>(template: T, vars: Record<string, string>): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(template) as T;
}

/** Sets properties on the form element named `name`, wherever it sits in the card. */
export function setElement(card: unknown, name: string, props: Record<string, unknown>): void {
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.name === name && typeof o.tag === 'string') Object.assign(o, props);
    for (const x of Object.values(o)) walk(x);
  };
  walk(card);
}

/** User text inside a Lark markdown element: tags and emphasis marks shown as typed. */
export function md(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([*~_`])/g, '\\$1');
}

export function plain(content: string): { tag: 'plain_text'; content: string } {
  return { tag: 'plain_text', content };
}
