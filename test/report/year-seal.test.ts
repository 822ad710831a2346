import { afterEach, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { importLedger } from '../../src/store/report/import-ledger.js';
import { sealHistory } from '../../src/store/report/year-seal.js';
import { recordClick, recordMakeup } from '../../src/store/study/attendance.js';
import { caseAction, reportForm, submitReport } from '../cases/case-support.js';
import { ADMIN, LEADER, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { sentTexts } from './support/draft-output.js';
import { say as sayTo } from './support/say.js';
import { seedCases, seedStudy } from './support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const say = (text: string, from?: string) => sayTo(t, text, from);

/** Everything the bot sent after `before` messages, as text. */
const textsSince = (before: number) => sentTexts(t.fake).slice(before);

/** 2025: one case resolved in time, one still open, one resolved late; one study session; one 督查. */
async function seedYear(): Promise<string[]> {
  const codes = await seedCases(t.bot.db, [
    { enterprise: '淮北甲科技有限公司', category: 'tax_policy', receivedDate: '2025-02-10', resolvedDate: '2025-02-20' },
    { enterprise: '淮北乙实业有限公司', category: 'staffing', receivedDate: '2025-11-03', deadline: '2026-12-31' },
    { enterprise: '淮北丙电子有限公司', category: 'premises', receivedDate: '2025-06-02', deadline: '2025-06-20', resolvedDate: '2025-07-01' },
  ]);
  await seedStudy(t.bot.db, '2025-03-05', ['present', 'leave']);
  expect(await say('/记录 督查 重点项目督查 2025-04-01')).toContain('已记录');
  return codes;
}

/** `/总结 2025` as a leader: every message it sent, once the last one (the since-seal lines) is there. */
async function summary(): Promise<string[]> {
  const before = t.fake.messages.length;
  await say('/总结 2025', LEADER);
  await waitFor(() => textsSince(before).some((s) => /^(定稿后|定稿时|⚠)/.test(s)), 20_000, 'the sealed draft and the lines after it');
  return textsSince(before);
}

it('a sealed year refuses what its figures rest on, still handles its open case, and gives the sealed draft with what happened since', async () => {
  t = await startTestBot();
  const [first, open] = await seedYear();
  // Only admins seal.
  expect(await say('/总结 2025 定稿', LEADER)).toBe('只有管理员可以定稿或撤销定稿。');
  const before = t.fake.messages.length;
  await say('/总结 2025 定稿', ADMIN);
  const sealedLine = await waitFor(() => textsSince(before).find((s) => s.startsWith('已将2025年总结定稿')), 20_000, 'the seal');
  expect(sealedLine).toContain('受理企业诉求3件，已办结2件，办结率66.7%；会前学法1次');
  expect(sealedLine).toContain('尚未办结的1件仍可继续办理');

  // Refused, each with the line naming how to reopen; nothing stored.
  const reopenHint = '请管理员先发送「/总结 2025 撤销定稿 理由」';
  const late = await submitReport(t, { form: reportForm({ received_date: '2025-06-01 +0800' }) });
  expect(late.body.toast).toMatchObject({ type: 'error' });
  expect(late.body.toast.content).toContain('2025年总结已定稿');
  expect(await say('/记录 督查 补记一次督查 2025-07-01')).toContain(reopenHint);
  const refused = (p: Promise<unknown>) => expect(p).rejects.toSatisfy((e) => e instanceof AppError && e.message.includes(reopenHint));
  await refused(importLedger(t.bot.db, [{ line: 2, code: 'QY2025-0100', year: 2025, seq: 100, enterprise: '导入企业', category: 'other', content: null, department: null, receivedDate: '2025-09-01', deadline: '2025-09-30', ruleDays: null, resolvedDate: null, followup: null }]));
  const session = await t.bot.db.studySession.findFirstOrThrow();
  await refused(recordClick(t.bot.db, { sessionId: session.id, openId: 'ou_p9', wish: { status: 'present' } as never }));
  await refused(recordMakeup(t.bot.db, { sessionId: session.id, openId: 'ou_p1', status: 'present', note: '补签', recordedBy: ADMIN }));
  // 回访 不满意 would undo a recorded resolution.
  const unhappy = await caseAction(t, 'case.followup', first!, { from: ADMIN, form: { followup_method: 'phone', followup_date: '2026-01-10 +0800', satisfaction: 'dissatisfied', opinion: '问题仍未解决' } });
  expect(unhappy.body.toast.type).toBe('error');
  expect(unhappy.body.toast.content).toContain('2025年总结已定稿，因回访不满意重新办理');
  expect((await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code: first! } })).status).toBe('resolved');
  expect(await t.bot.db.enterpriseCase.count({ where: { year: 2025 } })).toBe(3);
  expect(await t.bot.db.workRecord.count()).toBe(1);
  expect(await t.bot.db.studyAttendance.count()).toBe(2);

  // The open case is still handled: its deadline extended, then resolved.
  const extended = await caseAction(t, 'case.extend', open!, { from: ADMIN, form: { new_deadline: '2027-01-15 +0800', reason: '企业补充材料' } });
  expect(extended.body.toast.type).toBe('success');
  const resolved = await caseAction(t, 'case.resolve', open!, { from: ADMIN, form: { resolution: '已协调办结', resolved_date: '2026-01-05 +0800' } });
  expect(resolved.body.toast.type).toBe('success');

  const posts = await summary();
  // The first post of the draft: its title, then the line that says it is the sealed one.
  const firstPost = posts.find((p) => p.startsWith('投资促进局2025年法治政府建设工作总结\n'))!;
  expect(firstPost.split('\n')[1]).toMatch(/^【定稿】此为2025年总结定稿（.+于\d{4}-\d{2}-\d{2} \d{2}:\d{2}定稿，数字截至\d{4}-\d{2}-\d{2}，定稿后不再变化）。$/);
  const text = posts.join('\n');
  // The sealed figures, not today's (3 received, 2 resolved when sealed).
  expect(text).toContain('已办结2件');
  expect(text).toContain(`定稿后又办结1件：${open}`);
  expect(text).not.toContain('不一致');
  expect(t.fake.files.length).toBeGreaterThan(0);
});

it('names each figure that differs when the records contradict the seal, and a reopening is recorded with who and why', async () => {
  t = await startTestBot();
  const [first] = await seedYear();
  const before = t.fake.messages.length;
  await say('/总结 2025 定稿', ADMIN);
  await waitFor(() => textsSince(before).some((s) => s.startsWith('已将2025年总结定稿')), 20_000, 'the seal');
  // A hand edit behind the bot's back (or a restore of an older backup).
  await t.bot.db.enterpriseCase.update({ where: { code: first! }, data: { category: 'other' } });
  const text = (await summary()).join('\n');
  expect(text).toContain('当前记录与定稿数字不一致');
  expect(text).toContain('增值税和企业所得税扶持政策兑现：定稿1件，现0件');
  expect(text).toContain('其他：定稿0件，现1件');
  expect(text).toContain('已办结2件');

  expect(await say('/总结 2025 撤销定稿', ADMIN)).toContain('撤销定稿须写明理由');
  expect(await say('/总结 2025 撤销定稿 更正类别', LEADER)).toBe('只有管理员可以定稿或撤销定稿。');
  expect(await say('/总结 2025 撤销定稿 更正QY2025-0001的类别', ADMIN)).toContain('已撤销2025年总结定稿（理由：更正QY2025-0001的类别）');
  const history = await sealHistory(t.bot.db, 2025);
  expect(history.map((h) => [h.action, h.actorId, h.reason])).toEqual([
    ['seal', ADMIN, null],
    ['reopen', ADMIN, '更正QY2025-0001的类别'],
  ]);
  // Open again: a record dated in 2025 is taken, and /总结 writes a new draft from the records.
  expect(await say('/记录 督查 补记一次督查 2025-07-01')).toContain('已记录');
  expect(await say('/总结 2025 撤销定稿 再撤一次', ADMIN)).toBe('2025年总结未定稿，无需撤销。');
});
