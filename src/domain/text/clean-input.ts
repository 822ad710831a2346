/**
 * Characters nobody types on purpose and that do harm when echoed, stored or shown: C0/C1
 * controls other than tab and line breaks (NUL ends strings in some viewers), and the bidi
 * controls that make 「abc」 display reversed (U+202E), plus the BOM. Joiners stay (emoji).
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

export function cleanText(s: string): string {
  return s.replace(UNSAFE, '');
}

/** cleanText on every string inside a JSON-like value (card form values, action values). */
export function cleanDeep<T>(v: T): T {
  if (typeof v === 'string') return cleanText(v) as T;
  if (Array.isArray(v)) return v.map(cleanDeep) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cleanDeep(x)])) as T;
  return v;
}

/** At most `max` characters of user input to echo back, with 「…」 when cut. */
export function clip(s: string, max = 20): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max).join('')}…`;
}
