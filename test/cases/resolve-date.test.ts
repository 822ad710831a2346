import { afterEach, describe, expect, it } from 'vitest';
import { LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { caseAction, reportForm, submitReport } from './case-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

/** What Lark sends for a form nobody touched but `typed`: every element's initial value, then what was typed. */
function formAsSubmitted(card: any, formName: string, typed: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (v: any, inForm: boolean): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, inForm));
    if (!v || typeof v !== 'object') return;
    const here = inForm || (v.tag === 'form' && v.name === formName);
    if (here && typeof v.name === 'string') {
      const initial = v.initial_date ?? v.default_value ?? v.initial_option;
      if (initial !== undefined) out[v.name] = v.tag === 'date_picker' ? `${initial} +0800` : initial;
    }
    for (const x of Object.values(v)) walk(x, here);
  };
  walk(card, false);
  return { ...out, ...typed };
}

describe('the 办结 date', () => {
  it('is the day 办结 was clicked when the picker was left alone, not the day the card was drawn', async () => {
    let now = new Date('2023-10-09T02:00:00Z'); // 10:00 in Beijing
    t = await startTestBot({ clock: { now: () => now } });
    const submitted = await submitReport(t, { form: reportForm({ received_date: '2023-09-28 +0800' }), from: STAFF });
    const code = /QY\d{4}-\d{4}/.exec(submitted.body.toast.content)![0];
    const caseCard = submitted.body.card.data; // the report card turned into the case card, due 2023-10-25

    now = new Date('2023-11-06T02:00:00Z'); // weeks later, past the deadline
    const form = formAsSubmitted(caseCard, 'resolve_form', { resolution: '已协调财政局兑现扶持资金' });
    const res = await caseAction(t, 'case.resolve', code, { form, from: STAFF });
    expect(res.body.toast.type).toBe('success');
    const row = await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code } });
    expect(row.resolvedDate).toBe('2023-11-06');
    const dm = await waitFor(() => t.fake.textsTo(LEADER)[0], 5000, 'leader message');
    expect(dm).toContain('超期');
  });
});
