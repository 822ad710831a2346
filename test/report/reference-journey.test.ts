import { afterEach, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from '../support/lark-payloads.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { uploadedFiles } from './support/draft-output.js';
import { expectReferenceDraft } from './support/expect-reference-draft.js';
import { referenceCases, type CaseSpec } from './support/reference-cases.js';

let t: TestBot;
afterEach(async () => t?.destroy());

let card = 0;
/** Submits one report card (each from its own card message) and returns the code of the case it registered. */
async function submit(c: CaseSpec): Promise<string> {
  const messageId = `om_report_card_${++card}`;
  const before = await t.bot.db.enterpriseCase.count();
  const res = await t.post(
    cardActionEvent({
      value: { action: 'case.submit' },
      formValue: { enterprise: c.enterprise, category: c.category, content: '企业反映问题，请协助解决', received_date: `${c.receivedDate} +0800`, department: '投资服务科' },
      from: STAFF,
      messageId,
    }),
  );
  expect(res.status).toBe(200);
  expect(res.body?.toast?.type, JSON.stringify(res.body)).not.toBe('error');
  await waitFor(async () => (await t.bot.db.enterpriseCase.count()) === before + 1, 5000, `the case of ${messageId}`);
  return (await t.bot.db.enterpriseCase.findFirstOrThrow({ orderBy: { id: 'desc' } })).code;
}

async function resolve(code: string, resolvedDate: string): Promise<void> {
  const res = await t.post(
    cardActionEvent({ value: { action: 'case.resolve', code }, formValue: { resolution: '已协调相关部门办结', resolved_date: `${resolvedDate} +0800` }, from: ADMIN, messageId: `om_case_card_${code}` }),
  );
  expect(res.status).toBe(200);
  expect(res.body?.toast?.type, JSON.stringify(res.body)).not.toBe('error');
}

describe('the 2023 reference, entered through the case cards', () => {
  it(
    'gives the reference figures: 63 cases, 39/5/10/4/5, 办结率100%, all in time, every code in the appendix',
    async () => {
      t = await startTestBot({ env: { BOT_ORG_NAME: '烈山区投资促进局' } });
      const codes: string[] = [];
      for (const c of referenceCases()) {
        const code = await submit(c);
        expect(code).toMatch(/^QY2023-\d{4}$/);
        codes.push(code);
        await resolve(code, c.resolvedDate);
      }
      // Cases received in other years are not counted.
      await submit({ enterprise: '其他年度企业甲有限公司', category: 'tax_policy', receivedDate: '2022-12-30', resolvedDate: '2023-01-04' });
      await submit({ enterprise: '其他年度企业乙有限公司', category: 'other', receivedDate: '2024-01-02', resolvedDate: '2024-01-03' });
      expect(await t.bot.db.enterpriseCase.count({ where: { year: 2023, status: 'resolved' } })).toBe(63);

      await t.post(messageEvent({ text: '/总结 2023', from: LEADER }));
      await waitFor(() => uploadedFiles(t.fake).length === 1 && t.fake.messages.some((m) => m.msgType === 'file'), 20_000, 'the .docx');
      expectReferenceDraft(t, '烈山区投资促进局', codes);
    },
    180_000,
  );
});
