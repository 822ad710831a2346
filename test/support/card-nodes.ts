/**
 * Every object in a card's JSON, depth first, each before what it holds (arrays are walked, not
 * listed): what the tests' card assertions pick from.
 */
export function cardNodes(card: unknown): any[] {
  const out: any[] = [];
  const walk = (v: any): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    out.push(v);
    Object.values(v).forEach(walk);
  };
  walk(card);
  return out;
}

/** All text content of a card (markdown and plain text), joined, for assertions on what it shows. */
export function cardText(card: unknown): string {
  return cardNodes(card)
    .filter((v) => typeof v.content === 'string')
    .map((v) => v.content as string)
    .join('\n');
}

/** Every callback value on a card (buttons). */
export function callbackValues(card: unknown): any[] {
  return cardNodes(card)
    .filter((v) => v.type === 'callback' && v.value)
    .map((v) => v.value);
}
