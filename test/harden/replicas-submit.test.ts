import { afterEach, describe, expect, it } from 'vitest';
import { STAFF, startTestBot, type TestBot } from '../support/test-bot.js';
import { newMessageId, reportForm, submitReport } from '../cases/case-support.js';

let a: TestBot | undefined;
let b: TestBot | undefined;
afterEach(async () => {
  await b?.close();
  await a?.destroy();
  a = b = undefined;
});

describe('two replicas on one SQLite file', () => {
  it('store every one of 20 concurrent 提交 split across both, each answered with its code', async () => {
    a = await startTestBot();
    b = await startTestBot({ fake: a.fake, databaseUrl: a.databaseUrl });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submitReport(i % 2 ? b! : a!, { form: reportForm({ enterprise: `并发企业${i}有限公司` }), from: STAFF, messageId: newMessageId() })),
    );
    const toasts = answers.map((r) => r.body.toast?.content ?? JSON.stringify(r.body));
    expect(toasts.filter((c) => !/QY\d{4}-\d{4}/.test(c))).toEqual([]);
    expect(await a.bot.db.enterpriseCase.count()).toBe(20);
    const codes = new Set(toasts.map((c) => /QY\d{4}-\d{4}/.exec(c)![0]));
    expect(codes.size).toBe(20);
  }, 60_000);
});
