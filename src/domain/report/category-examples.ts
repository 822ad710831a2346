import type { EnterpriseTally } from './enterprise-tally.js';

/**
 * The enterprises a category's 「解决…」 clause names: only ones with resolved cases in that
 * category (most resolved first, then the earliest received, then by name), preferring ones no
 * earlier category has named, at most `max`. Categories are given in the draft's order, so the
 * first category keeps its strongest examples.
 */
export function chooseExamples(byCategory: Array<{ category: string; tallies: EnterpriseTally[] }>, max = 2): Map<string, string[]> {
  const named = new Set<string>();
  const out = new Map<string, string[]>();
  for (const { category, tallies } of byCategory) {
    const ranked = tallies
      .filter((t) => t.resolved > 0)
      .sort((a, b) => b.resolved - a.resolved || a.firstReceived.localeCompare(b.firstReceived) || a.enterprise.localeCompare(b.enterprise));
    const fresh = ranked.filter((t) => !named.has(t.enterprise));
    const already = ranked.filter((t) => named.has(t.enterprise));
    const chosen = [...fresh, ...already].slice(0, max).map((t) => t.enterprise);
    // Keep the ranking order among the chosen, so the clause reads strongest first.
    const ordered = ranked.map((t) => t.enterprise).filter((e) => chosen.includes(e));
    for (const e of ordered) named.add(e);
    out.set(category, ordered);
  }
  return out;
}
