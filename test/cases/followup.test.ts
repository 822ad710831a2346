import { afterEach, describe, expect, it } from 'vitest';
import { loadYearFigures } from '../../src/store/report/load-year-figures.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { seedCase } from '../schedules/helpers.js';
import { caseAction, cardActions, cardText, fieldNames, fixedClock, reportForm, say, submitReport } from './case-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const OTHER = 'ou_other0000000000000000000000001';
const HELPER = 'ou_helper000000000000000000000001';
// Monday 16 October 2023, 10:00 in Beijing.
const NOW = '2023-10-16T02:00:00Z';

/** A case received 2023-09-28 (tax_policy: 15 working days, due 2023-10-25), resolved on `resolvedDate` by its reporter. */
async function resolvedCase(resolvedDate = '2023-10-10'): Promise<string> {
  const res = await submitReport(t, { form: reportForm(), from: STAFF });
  const code = /QY\d{4}-\d{4}/.exec(res.body.toast.content)![0];
  const done = await caseAction(t, 'case.resolve', code, { from: STAFF, form: { resolution: '已协调财政局兑现扶持资金', resolved_date: `${resolvedDate} +0800` } });
  expect(done.body.toast.type).toBe('success');
  return code;
}

const followupForm = (over: Record<string, unknown> = {}) => ({ followup_method: 'phone', followup_date: '2023-10-12 +0800', satisfaction: 'basic', opinion: '服务及时', ...over });
const followup = (code: string, o: { from?: string; form?: Record<string, unknown> } = {}) => caseAction(t, 'case.followup', code, { from: o.from ?? STAFF, form: followupForm(o.form) });
const row = (code: string) => t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code }, include: { history: { orderBy: { id: 'asc' } }, followups: true } });
const textsTo = (id: string, prefix: string) => t.fake.messages.filter((m) => m.receiveId === id && String(m.content.text ?? '').startsWith(prefix));

describe('回访 after 办结', () => {
  it('is recorded once per resolution by the reporter, the assignee or an admin, with every field checked and nothing half-stored', async () => {
    t = await startTestBot({ clock: fixedClock(NOW) });
    const res = await submitReport(t, { form: reportForm(), from: STAFF });
    const open = /QY\d{4}-\d{4}/.exec(res.body.toast.content)![0];
    expect((await followup(open)).body.toast).toEqual({ type: 'info', content: '该诉求尚未办结，办结后才能回访' });

    const code = await resolvedCase();
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ followup_method: undefined }, '请选择回访方式'],
      [{ followup_method: 'sms' }, '回访方式无效，请从列表中选择'],
      [{ followup_date: '2023-10-09 +0800' }, '回访日期不能早于办结日期（2023-10-10）'],
      [{ followup_date: '2023-10-17 +0800' }, '回访日期不能晚于今天（2023-10-16）'],
      [{ satisfaction: undefined }, '请选择满意度'],
      [{ satisfaction: 'great' }, '满意度无效，请从列表中选择'],
      [{ opinion: '意'.repeat(501) }, '企业意见不能超过500个字'],
    ];
    for (const [form, message] of bad) expect((await followup(code, { form })).body.toast, message).toEqual({ type: 'error', content: message });
    expect((await followup(code, { from: OTHER })).body.toast).toEqual({ type: 'error', content: '仅上报人、承办人或管理员可以回访该诉求' });
    expect(await t.bot.db.caseFollowup.count()).toBe(0);
    expect((await row(code)).history.filter((h) => h.kind === 'followup')).toEqual([]);

    const ok = await followup(code, { from: ADMIN });
    expect(ok.body.toast).toEqual({ type: 'success', content: `${code} 回访已记录：基本满意` });
    const card = ok.body.card.data;
    expect(cardText(card)).toContain('**回访结果**：电话回访（2023-10-12）：基本满意');
    expect(cardText(card)).toContain('回访：电话回访（2023-10-12）：基本满意。企业意见：服务及时');
    expect(cardActions(card)).not.toContain('case.followup');
    const stored = await row(code);
    expect(stored.status).toBe('resolved');
    expect(stored.followups.map((f) => [f.resolutionNo, f.resolvedDate, f.method, f.visitDate, f.satisfaction, f.opinion, f.actorId])).toEqual([
      [0, '2023-10-10', 'phone', '2023-10-12', 'basic', '服务及时', ADMIN],
    ]);
    expect(stored.history.at(-1)).toMatchObject({ kind: 'followup', actorId: ADMIN, note: '电话回访（2023-10-12）：基本满意。企业意见：服务及时' });

    // One 回访 per resolution, also when asked again with other answers.
    const again = await followup(code, { form: { satisfaction: 'dissatisfied' } });
    expect(again.body.toast).toEqual({ type: 'info', content: '该诉求本次办结（2023-10-10）已回访，每次办结只回访一次' });
    expect(await t.bot.db.caseFollowup.count()).toBe(1);
    expect((await row(code)).status).toBe('resolved');
  });

  it('不满意 reopens the case with the category\'s deadline from the 回访 date, tells the owner and each leader once, and the year counts it resolved only when resolved again', async () => {
    t = await startTestBot({ clock: fixedClock(NOW), env: { BOT_LEADERS: `${LEADER},${HELPER}` } });
    const code = await resolvedCase();
    expect((await loadYearFigures(t.bot.db, 2023, '2023-10-16')).resolved).toBe(1);

    const res = await followup(code, { from: ADMIN, form: { followup_date: '2023-10-13 +0800', satisfaction: 'dissatisfied', opinion: '资金尚未到账' } });
    // 15 working days from Friday 13 October: 16–20, 23–27, 30 October–3 November.
    expect(res.body.toast).toEqual({ type: 'warning', content: `${code} 回访不满意，已重新进入办理中，办理期限 2023-11-03` });
    const card = res.body.card.data;
    expect(cardText(card)).toContain('**上次回访**：电话回访（2023-10-13）：不满意');
    expect(cardActions(card)).toContain('case.resolve');
    expect(cardActions(card)).not.toContain('case.followup');
    const reopened = await row(code);
    expect(reopened).toMatchObject({ status: 'in_progress', deadline: '2023-11-03', deadlineDays: 15, resolution: null, resolvedDate: null, resolvedBy: null, resolutionNo: 1 });
    expect(reopened.history.at(-1)).toMatchObject({ kind: 'status', fromStatus: 'resolved', toStatus: 'in_progress', note: '回访不满意，重新办理；办理期限2023-11-03（自回访日期起15个工作日）' });
    expect((await loadYearFigures(t.bot.db, 2023, '2023-10-16')).resolved).toBe(0);

    for (const to of [STAFF, LEADER, HELPER]) await waitFor(() => textsTo(to, '【回访不满意，重新办理】').length === 1, 5000, `the notice to ${to}`);
    const notice = textsTo(STAFF, '【回访不满意，重新办理】')[0]!.content.text as string;
    expect(notice).toContain('回访：电话回访（2023-10-13）：不满意。企业意见：资金尚未到账');
    expect(notice).toContain('新办理期限：2023-11-03（15个工作日）');

    // Resolved again: both resolutions stay in the history; a second 回访 is for the new one.
    const done = await caseAction(t, 'case.resolve', code, { from: STAFF, form: { resolution: '资金已拨付到账', resolved_date: '2023-10-16 +0800' } });
    expect(done.body.toast.type).toBe('success');
    expect(fieldNames(done.body.card.data)).toEqual(expect.arrayContaining(['followup_method', 'followup_date', 'satisfaction', 'opinion']));
    const second = await followup(code, { form: { followup_date: '2023-10-16 +0800', satisfaction: 'satisfied', opinion: undefined } });
    expect(second.body.toast).toEqual({ type: 'success', content: `${code} 回访已记录：满意` });
    const after = await row(code);
    expect(after.history.filter((h) => h.toStatus === 'resolved' && h.kind === 'status').map((h) => h.note)).toEqual([
      '办结日期2023-10-10：已协调财政局兑现扶持资金',
      '办结日期2023-10-16：资金已拨付到账',
    ]);
    expect(after.followups.map((f) => [f.resolutionNo, f.resolvedDate, f.satisfaction])).toEqual([[0, '2023-10-10', 'dissatisfied'], [1, '2023-10-16', 'satisfied']]);
    const figures = await loadYearFigures(t.bot.db, 2023, '2023-10-16');
    expect(figures.resolved).toBe(1);
    expect(figures.followups).toMatchObject({ total: 2, content: 1, dissatisfied: 1, cases: 1, rate: 50 });
    // One notice each, also after everything else was sent.
    await waitFor(async () => (await t.bot.db.outboxMessage.count({ where: { status: { not: 'sent' } } })) === 0);
    for (const to of [STAFF, LEADER, HELPER]) expect(textsTo(to, '【回访不满意，重新办理】')).toHaveLength(1);
  });

  it('two 回访 of one resolution sent at once record one: the other is told so, and 不满意 does not reopen a case judged 满意', async () => {
    t = await startTestBot({ clock: fixedClock(NOW) });
    const code = await resolvedCase();
    const answers = await Promise.all([
      followup(code, { from: STAFF, form: { satisfaction: 'satisfied' } }),
      followup(code, { from: ADMIN, form: { satisfaction: 'dissatisfied' } }),
    ]);
    const types = answers.map((a) => a.body.toast.type);
    expect(types.filter((x) => x === 'info')).toHaveLength(1);
    expect(types.filter((x) => x === 'success' || x === 'warning')).toHaveLength(1);
    const stored = await row(code);
    expect(stored.followups).toHaveLength(1);
    // Whichever came first decided: a 不满意 first reopened the case, a 满意 first left it resolved.
    expect(stored.status).toBe(stored.followups[0]!.satisfaction === 'dissatisfied' ? 'in_progress' : 'resolved');
    expect(stored.history.filter((h) => h.kind === 'followup')).toHaveLength(1);
  });

  it('不满意 on a case of a category the bot no longer knows reopens it with the case\'s own working days', async () => {
    t = await startTestBot({ clock: fixedClock(NOW) });
    const legacy = await seedCase(t.bot.db, { category: 'legacy_consulting', receivedDate: '2023-09-01', deadline: '2023-09-15', reporterId: STAFF, status: 'resolved', resolvedDate: '2023-09-12' });
    const res = await followup(legacy.code, { form: { followup_date: '2023-10-13 +0800', satisfaction: 'dissatisfied' } });
    // The seeded case has 10 working days: 16–20 and 23–27 October.
    expect(res.body.toast).toEqual({ type: 'warning', content: `${legacy.code} 回访不满意，已重新进入办理中，办理期限 2023-10-27` });
    expect(await row(legacy.code)).toMatchObject({ status: 'in_progress', deadline: '2023-10-27', deadlineDays: 10 });
  });

  it('/回访 opens the form of a resolved case for those who may record it, and /我的 lists the owner\'s cases waiting for 回访', async () => {
    t = await startTestBot({ clock: fixedClock(NOW) });
    const code = await resolvedCase();
    const before = t.fake.messages.length;
    await say(t, `/回访 ${code}`);
    const form = await waitFor(() => t.fake.messages.slice(before).find((m) => m.msgType === 'interactive'), 5000, 'the 回访 card');
    expect(cardText(form.content)).toContain(`请在下方填写 ${code} 的回访情况。`);
    expect(fieldNames(form.content)).toEqual(['followup_method', 'followup_date', 'satisfaction', 'opinion']);
    expect(cardActions(form.content)).toEqual(['case.followup']);

    const answers = async (text: string, from: string) => {
      const n = t.fake.messages.length;
      await say(t, text, { from });
      return waitFor(() => t.fake.messages[n], 5000, `the answer to ${text}`);
    };
    expect((await answers(`/回访 ${code}`, OTHER)).content.text).toBe('仅上报人、承办人或管理员可以回访该诉求');
    expect((await answers('/回访', STAFF)).content.text).toBe('请在指令后附上诉求编号，例如：/回访 QY2023-0007');

    const mine = await answers('/我的', STAFF);
    expect(mine.content.header.title.content).toBe('我的待回访诉求（1件）');
    expect(cardText(mine.content)).toContain(`**${code}** 好得科技有限公司｜增值税和企业所得税扶持政策兑现｜办结 2023-10-10`);
    expect(cardText(mine.content)).toContain(`发送 /回访 加编号（如 /回访 ${code}）填写回访情况。`);
    await followup(code);
    expect((await answers('/我的', STAFF)).content.text).toBe('您目前没有未办结的诉求。');
    const closed = await answers(`/回访 ${code}`, STAFF);
    expect(cardText(closed.content)).toContain('该诉求本次办结（2023-10-10）已回访，每次办结只回访一次');
    expect(cardActions(closed.content)).toEqual([]);
  });
});
