import { afterEach, describe, expect, it } from 'vitest';
import { LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { caseAction, submitReport } from '../cases/case-support.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy();
  t = undefined;
});

const HELPER = 'ou_helper00000000000000000000000h';

/** From now on, storing an outbox row the usual way fails (disk full, locked past every retry). */
function breakOutboxInsert(x: TestBot): void {
  x.bot.db.queues.outbox.insert = () => {
    throw new Error('disk I/O error');
  };
}

async function registered(x: TestBot): Promise<string> {
  const res = await submitReport(x, { from: STAFF });
  return /QY\d{4}-\d{4}/.exec(res.body.toast.content)![0];
}

describe('notices stored with the case change', () => {
  it('办结 stores the leaders’ notice in the same transaction: the notice is sent although queuing messages fails afterwards', async () => {
    t = await startTestBot();
    const code = await registered(t);
    breakOutboxInsert(t);
    const res = await caseAction(t, 'case.resolve', code, { from: STAFF, form: { resolution: '已兑现扶持资金', resolved_date: '2023-10-10 +0800' } });
    expect(res.body.toast.type).toBe('success');
    await waitFor(() => t!.fake.textsTo(LEADER).length === 1, 5000, 'the leader’s notice');
    expect(t.fake.textsTo(LEADER)[0]).toContain(code);
  });

  it('指派 stores the assignee’s notice in the same transaction', async () => {
    t = await startTestBot();
    const code = await registered(t);
    breakOutboxInsert(t);
    const res = await caseAction(t, 'case.assign', code, { from: STAFF, form: { assignee: HELPER } });
    expect(res.body.toast.type).toBe('success');
    const dm = await waitFor(() => t!.fake.messages.find((m) => m.receiveId === HELPER), 5000, 'the assignee’s notice');
    expect(JSON.stringify(dm.content)).toContain(code);
  });
});
