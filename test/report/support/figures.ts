import { computeYearFigures, type EnterpriseTally, type YearFigures, type YearInputs } from '../../../src/domain/report/year-figures.js';

export const tally = (t: Partial<EnterpriseTally> & Pick<EnterpriseTally, 'category' | 'enterprise' | 'cases'>): EnterpriseTally => ({
  resolved: t.cases,
  withinDeadline: t.resolved ?? t.cases,
  open: 0,
  openOverdue: 0,
  firstReceived: '2023-03-01',
  ...t,
  lastResolved: t.lastResolved ?? null,
});

/** Figures from tallies with unusual numbers, so a number hard-coded in the template cannot match one by chance. */
export function figures(o: Partial<YearInputs> = {}): YearFigures {
  return computeYearFigures({
    year: 2031,
    asOf: '2032-02-17',
    tallies: [
      tally({ category: 'tax_policy', enterprise: '甲科技有限公司', cases: 173, firstReceived: '2031-01-05' }),
      tally({ category: 'infrastructure', enterprise: '乙实业有限公司', cases: 29, firstReceived: '2031-02-07' }),
    ],
    returned: 0,
    avgDays: new Map(),
    previousAvgDays: new Map(),
    study: { sessions: 0, present: 0, attendanceRows: 0, averageRate: 0 },
    records: { contract_review: 0, disclosure: 0, meeting: 0, inspection: 0, training: 0 },
    ...o,
  });
}

/** Every number the figures hold, as the draft would print it (numbers and the digits inside strings). */
export function numbersOf(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'number') out.add(String(value));
  else if (typeof value === 'string') for (const m of value.matchAll(/\d+(?:\.\d+)?/g)) out.add(String(Number(m[0])));
  else if (value instanceof Map) for (const v of value.values()) numbersOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbersOf(v, out);
  return out;
}
