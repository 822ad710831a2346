import { afterEach, describe, expect, it } from 'vitest';
import { assignCase, extendCase } from '../../src/store/cases/change-case.js';
import { ADMIN, STAFF, startTestBot, type TestBot } from '../support/test-bot.js';
import { reportForm, submitReport } from './case-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const admin = { openId: ADMIN, isAdmin: true };
const HELPER = 'ou_helper000000000000000000000001';

async function registered(): Promise<string> {
  const res = await submitReport(t, { form: reportForm(), from: STAFF });
  return /QY\d{4}-\d{4}/.exec(res.body.toast.content)![0];
}

describe('two clicks on the same case button at once', () => {
  it('指派 clicked three times at once assigns once, so the assignee is told once', async () => {
    t = await startTestBot();
    const code = await registered();
    const results = await Promise.all([1, 2, 3].map(() => assignCase(t.bot.db, { code, actor: admin, assigneeId: HELPER })));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await t.bot.db.caseEvent.count({ where: { kind: 'assign' } })).toBe(1);
  });

  it('延期 clicked three times at once moves the deadline once, with one history row', async () => {
    t = await startTestBot();
    const code = await registered();
    const results = await Promise.all([1, 2, 3].map(() => extendCase(t.bot.db, { code, actor: admin, newDeadline: '2023-11-30', reason: '需财政局会签' })));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await t.bot.db.caseEvent.count({ where: { kind: 'extend' } })).toBe(1);
  });
});
