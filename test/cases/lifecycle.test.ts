import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../src/store/cases/create-case.js';
import { findCaseByCode } from '../../src/store/cases/find-cases.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { caseAction, cardActions, cardText, reportForm, say, submitReport } from './case-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const OTHER = 'ou_other0000000000000000000000001';
const HELPER = 'ou_helper000000000000000000000001';

async function registered(form = reportForm()): Promise<string> {
  const res = await submitReport(t, { form, from: STAFF });
  return /QY\d{4}-\d{4}/.exec(res.body.toast.content)![0];
}

const history = async (code: string) =>
  (await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code }, include: { history: { orderBy: { id: 'asc' } } } })).history.map((h) => ({
    kind: h.kind,
    actor: h.actorId,
    from: h.fromStatus,
    to: h.toStatus,
    note: h.note,
  }));

describe('the case lifecycle', () => {
  it('受理 moves 登记 to 办理中 once, with a history row', async () => {
    t = await startTestBot();
    const code = await registered();
    const res = await caseAction(t, 'case.accept', code, { from: STAFF });
    expect(res.body.toast).toEqual({ type: 'success', content: `${code} 已受理，进入办理中` });
    expect(cardText(res.body.card.data)).toContain('办理中');
    expect(cardActions(res.body.card.data)).not.toContain('case.accept');
    const again = await caseAction(t, 'case.accept', code, { from: STAFF });
    expect(again.body.toast).toEqual({ type: 'info', content: '该诉求已在办理中' });
    expect((await history(code)).slice(1)).toEqual([{ kind: 'status', actor: STAFF, from: 'registered', to: 'in_progress', note: null }]);
  });

  it('退回 needs a reason, closes the case, and cannot be resolved afterwards', async () => {
    t = await startTestBot();
    const code = await registered();
    const noReason = await caseAction(t, 'case.return', code, { form: { reason: ' ' } });
    expect(noReason.body.toast).toEqual({ type: 'error', content: '请填写原因' });
    const res = await caseAction(t, 'case.return', code, { form: { reason: '属市场监管部门职责，已告知企业' } });
    expect(res.body.toast.type).toBe('success');
    expect(cardText(res.body.card.data)).toContain('退回原因');
    expect(cardActions(res.body.card.data)).toEqual([]);
    const resolve = await caseAction(t, 'case.resolve', code, { form: { resolution: '已办', resolved_date: '2023-10-01 +0800' } });
    expect(resolve.body.toast).toEqual({ type: 'info', content: '该诉求已退回，不能再办理' });
    const row = await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code } });
    expect(row).toMatchObject({ status: 'returned', returnReason: '属市场监管部门职责，已告知企业', resolution: null });
    expect(t.fake.textsTo(LEADER)).toEqual([]);
  });

  it('延期 is for admins only, needs a later date and a reason, and keeps the original deadline', async () => {
    t = await startTestBot({ clock: { now: () => new Date('2023-10-09T02:00:00Z') } }); // before the deadline
    const code = await registered(); // due 2023-10-25
    const byStaff = await caseAction(t, 'case.extend', code, { from: STAFF, form: { new_deadline: '2023-11-30 +0800', reason: '需财政局会签' } });
    expect(byStaff.body.toast).toEqual({ type: 'error', content: '仅管理员可以延期' });
    const earlier = await caseAction(t, 'case.extend', code, { from: ADMIN, form: { new_deadline: '2023-10-20 +0800', reason: '需财政局会签' } });
    expect(earlier.body.toast).toEqual({ type: 'error', content: '新办理期限应晚于当前期限（2023-10-25）' });
    const noReason = await caseAction(t, 'case.extend', code, { from: ADMIN, form: { new_deadline: '2023-11-30 +0800' } });
    expect(noReason.body.toast).toEqual({ type: 'error', content: '请填写原因' });
    const res = await caseAction(t, 'case.extend', code, { from: ADMIN, form: { new_deadline: '2023-11-30 +0800', reason: '需财政局会签' } });
    expect(res.body.toast).toEqual({ type: 'success', content: `${code} 办理期限已延至 2023-11-30` });
    expect(cardText(res.body.card.data)).toContain('原期限2023-10-25');
    const row = await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code } });
    expect(row).toMatchObject({ deadline: '2023-11-30', originalDeadline: '2023-10-25', status: 'registered' });
    expect((await history(code)).at(-1)).toEqual({ kind: 'extend', actor: ADMIN, from: 'registered', to: 'registered', note: '期限由2023-10-25延至2023-11-30：需财政局会签' });
  });

  it('延期 is refused once the deadline has passed, so a late case cannot be made 「在规定时限内」', async () => {
    let now = new Date('2023-10-09T02:00:00Z');
    t = await startTestBot({ clock: { now: () => now } });
    const code = await registered(); // due 2023-10-25
    now = new Date('2023-10-25T15:00:00Z'); // 23:00 in Beijing on the last day: still allowed
    const onTheDay = await caseAction(t, 'case.extend', code, { from: ADMIN, form: { new_deadline: '2023-11-01 +0800', reason: '需财政局会签' } });
    expect(onTheDay.body.toast.type).toBe('success');
    now = new Date('2023-11-01T16:30:00Z'); // 00:30 on 11-02 in Beijing: the new deadline has passed
    const late = await caseAction(t, 'case.extend', code, { from: ADMIN, form: { new_deadline: '2023-11-30 +0800', reason: '再次延期' } });
    expect(late.body.toast).toEqual({ type: 'error', content: '该诉求已超过办理期限（2023-11-01），不能再延期；延期须在期限届满前办理' });
    expect(await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code } })).toMatchObject({ deadline: '2023-11-01' });
    expect((await history(code)).filter((h) => h.kind === 'extend')).toHaveLength(1);
  });

  it('指派 gives the case to a person, who gets it in a direct message and may then resolve it', async () => {
    t = await startTestBot();
    const code = await registered();
    const none = await caseAction(t, 'case.assign', code, { form: {} });
    expect(none.body.toast).toEqual({ type: 'error', content: '请选择承办人' });
    const res = await caseAction(t, 'case.assign', code, { form: { assignee: HELPER } });
    expect(res.body.toast.type).toBe('success');
    const dm = await waitFor(() => t.fake.messages.find((m) => m.receiveId === HELPER), 5000, 'assignee DM');
    expect(dm.msgType).toBe('interactive');
    expect(cardText(dm.content)).toContain(`您已被指派为诉求 **${code}**`);
    const twice = await caseAction(t, 'case.assign', code, { form: { assignee: HELPER } });
    expect(twice.body.toast.type).toBe('info');
    expect(await t.bot.db.outboxMessage.count({ where: { target: `open_id:${HELPER}` } })).toBe(1);

    // The assignee sees it in /我的 and may resolve it.
    await say(t, '/我的', { from: HELPER });
    const mine = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive' && m.receiveId !== HELPER), 5000, '/我的');
    expect(cardText(mine.content)).toContain(code);
    const resolved = await caseAction(t, 'case.resolve', code, { from: HELPER, form: { resolution: '已对接人社局专场招聘', resolved_date: '2023-10-30 +0800' } });
    expect(resolved.body.toast.type).toBe('success');
    const [leaderDm] = await waitFor(() => (t.fake.textsTo(LEADER).length ? t.fake.textsTo(LEADER) : undefined), 5000, 'leader DM');
    expect(leaderDm).toContain('超期3个工作日办结');
    expect((await history(code)).map((h) => h.kind)).toEqual(['created', 'assign', 'status']);
  });
});

describe('who may act on a case', () => {
  it('someone who is neither reporter, assignee nor admin gets an error toast and changes nothing', async () => {
    t = await startTestBot();
    const code = await registered();
    for (const [action, form] of [
      ['case.resolve', { resolution: '已办', resolved_date: '2023-10-10 +0800' }],
      ['case.accept', undefined],
      ['case.return', { reason: '不属本局职责' }],
      ['case.assign', { assignee: OTHER }],
      ['case.extend', { new_deadline: '2023-12-01 +0800', reason: '延期' }],
    ] as const) {
      const res = await caseAction(t, action, code, { from: OTHER, ...(form ? { form } : {}) });
      expect(res.body.toast.type, action).toBe('error');
      expect(res.body.toast.content, action).toMatch(/^仅/);
    }
    // A leader is told about resolutions but is not a handler by being a leader.
    const byLeader = await caseAction(t, 'case.resolve', code, { from: LEADER, form: { resolution: '已办', resolved_date: '2023-10-10 +0800' } });
    expect(byLeader.body.toast.content).toBe('仅上报人、承办人或管理员可以办结该诉求');
    expect(await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code } })).toMatchObject({ status: 'registered', assigneeId: null, deadline: '2023-10-25' });
    expect(await t.bot.db.caseEvent.count()).toBe(1);
  });

  it('an admin may resolve any case', async () => {
    t = await startTestBot();
    const code = await registered();
    const res = await caseAction(t, 'case.resolve', code, { from: ADMIN, form: { resolution: '已协调', resolved_date: '2023-10-10 +0800' } });
    expect(res.body.toast.type).toBe('success');
  });

  it('办结 checks its fields: resolution required, date not in the future nor before receipt', async () => {
    t = await startTestBot();
    const code = await registered();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ resolved_date: '2023-10-10 +0800' }, '请填写办结情况'],
      [{ resolution: '字'.repeat(2001) }, '办结情况不能超过2000个字'],
      [{ resolution: '已办', resolved_date: '2099-01-01 +0800' }, '办结日期不能晚于今天'],
      [{ resolution: '已办', resolved_date: '2023-09-27 +0800' }, '办结日期不能早于受理日期（2023-09-28）'],
    ];
    for (const [form, toast] of cases) {
      const res = await caseAction(t, 'case.resolve', code, { form });
      expect(res.body.toast.type).toBe('error');
      expect(res.body.toast.content).toContain(toast);
    }
    expect((await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code } })).status).toBe('registered');
    expect(t.fake.textsTo(LEADER)).toEqual([]);
  });

  it('/诉求 with an unknown or malformed code answers plainly', async () => {
    t = await startTestBot();
    await say(t, '/诉求 QY2023-0099');
    await say(t, '/诉求 abc');
    await waitFor(() => t.fake.messages.length >= 2, 5000, 'two replies');
    const texts = t.fake.messages.map((m) => m.content.text).sort();
    expect(texts).toEqual(['未找到编号为 QY2023-0099 的诉求，请核对编号。', '请在指令后附上诉求编号，例如：/诉求 QY2023-0007'].sort());
  });

  it('a case received in a year without an official calendar is stored with a flagged provisional deadline', async () => {
    t = await startTestBot();
    // Stored through the store (an import): the webhook refuses future dates, and 2027 is still ahead.
    const { case: c } = await createCase(t.bot.db, { enterprise: '远景能源有限公司', category: 'tax_policy', content: '政策兑现', receivedDate: '2027-09-28', reporterId: STAFF, source: 'import' });
    expect(c).toMatchObject({ code: 'QY2027-0001', deadline: '2027-10-19', deadlineProvisional: true });
    const full = (await findCaseByCode(t.bot.db, c.code))!;
    expect(full.history[0]!.note).toContain('2027年法定节假日安排尚未发布，期限暂按仅扣除周末计算');
    await say(t, '/诉求 QY2027-0001');
    const shown = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'case card');
    expect(cardText(shown.content)).toContain('2027年法定节假日安排尚未发布');
  });
});

describe('history rows from other features', () => {
  it('a reminder recorded by a scheduled job shows in the case card and changes nothing else', async () => {
    t = await startTestBot();
    const code = await registered();
    const stored = (await findCaseByCode(t.bot.db, code))!;
    await t.bot.db.caseEvent.create({
      data: { caseId: stored.id, at: new Date(), actorId: 'system', kind: 'remind', fromStatus: stored.status, toStatus: stored.status, note: '距办理期限还有3个工作日' },
    });
    const c = (await findCaseByCode(t.bot.db, code))!;
    expect(c.status).toBe('registered');
    expect(c.history.map((h) => h.kind)).toEqual(['created', 'remind']);
    await say(t, `/诉求 ${code}`);
    const shown = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'case card');
    expect(cardText(shown.content)).toContain('提醒：距办理期限还有3个工作日');
  });
});
