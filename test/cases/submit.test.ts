import { afterEach, describe, expect, it } from 'vitest';
import { dayIn } from '../../src/domain/dates/days.js';
import { ADMIN, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { calendarCovers } from '../../src/domain/deadlines/working-days.js';
import { cardActions, cardText, newMessageId, reportForm, submitReport } from './case-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const tomorrow = () => dayIn(new Date(Date.now() + 36 * 3600_000), 'Asia/Shanghai');

describe('submitting the report card', () => {
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['missing enterprise', { enterprise: undefined }, '请填写企业名称'],
    ['blank enterprise', { enterprise: '   ' }, '请填写企业名称'],
    ['enterprise over 100 characters', { enterprise: '好'.repeat(101) }, '企业名称不能超过100个字'],
    ['missing category', { category: undefined }, '请选择诉求类别'],
    ['unknown category', { category: 'tax' }, '诉求类别无效'],
    ['category that is not text', { category: ['tax_policy'] }, '诉求类别'],
    ['missing content', { content: '' }, '请填写诉求内容'],
    ['content over 2000 characters', { content: '字'.repeat(2001) }, '诉求内容不能超过2000个字'],
    ['received date in the future', { received_date: `${tomorrow()} +0800` }, '受理日期不能晚于今天'],
    ['received date that does not exist', { received_date: '2023-02-30 +0800' }, '受理日期格式不正确'],
    ['received date as free text', { received_date: '上周五' }, '受理日期格式不正确'],
    ['department over 50 characters', { department: '科'.repeat(51) }, '承办科室不能超过50个字'],
  ];
  for (const [what, over, toast] of bad) {
    it(`rejects a ${what} with an error toast naming the field and stores nothing`, async () => {
      t = await startTestBot();
      const form = reportForm(over);
      for (const k of Object.keys(over)) if (over[k] === undefined) delete form[k];
      const res = await submitReport(t, { form });
      expect(res.status).toBe(200);
      expect(res.body.toast.type).toBe('error');
      expect(res.body.toast.content).toContain(toast);
      expect(res.body.card).toBeUndefined();
      expect(await t.bot.db.enterpriseCase.count()).toBe(0);
      expect(await t.bot.db.enterprise.count()).toBe(0);
      expect(await t.bot.db.caseEvent.count()).toBe(0);
    });
  }

  it('a second submit of the same card stores nothing and names the existing case', async () => {
    t = await startTestBot();
    const messageId = newMessageId();
    const first = await submitReport(t, { messageId });
    expect(first.body.toast.content).toContain('QY2023-0001');
    const second = await submitReport(t, { messageId, form: reportForm({ enterprise: '另一家有限公司' }) });
    expect(second.body.toast).toEqual({ type: 'warning', content: '该卡片已登记为诉求 QY2023-0001，请勿重复提交' });
    expect(cardActions(second.body.card.data)).not.toContain('case.submit');
    // Another person clicking the same card: the same answer.
    const third = await submitReport(t, { messageId, from: ADMIN });
    expect(third.body.toast.content).toContain('QY2023-0001');
    expect(await t.bot.db.enterpriseCase.count()).toBe(1);
    expect(await t.bot.db.enterprise.count()).toBe(1);
  });

  it('a double click sent at the same moment stores one case', async () => {
    t = await startTestBot();
    const messageId = newMessageId();
    const answers = await Promise.all([submitReport(t, { messageId }), submitReport(t, { messageId }), submitReport(t, { messageId })]);
    expect(answers.filter((a) => a.body.toast.type === 'success')).toHaveLength(1);
    expect(answers.filter((a) => a.body.toast.type === 'warning')).toHaveLength(2);
    expect(await t.bot.db.enterpriseCase.count()).toBe(1);
  });

  it('concurrent submits of different cards get distinct consecutive codes per year', async () => {
    t = await startTestBot();
    const n = 24;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        submitReport(t, { form: reportForm({ enterprise: `并发测试${i}有限公司`, received_date: i % 3 === 0 ? '2024-03-01 +0800' : '2023-05-06 +0800' }) }),
      ),
    );
    // Every answer in time, on PostgreSQL too (each code waits for the year's lock over the
    // network): the bot warms its pool and Prisma at start (store/warm-up.ts), not on the first callback.
    const inTime = answers.filter((a) => a.body.toast);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(inTime).toHaveLength(n);
    expect(inTime.every((a) => a.body.toast.type === 'success')).toBe(true);
    const rows = await waitFor(async () => {
      const r = await t.bot.db.enterpriseCase.findMany({ orderBy: [{ year: 'asc' }, { seq: 'asc' }] });
      return r.length >= n ? r : undefined;
    }, 15_000, 'every case');
    const byYear = (y: number) => rows.filter((r) => r.year === y).map((r) => r.code);
    expect(byYear(2023)).toEqual(Array.from({ length: 16 }, (_, i) => `QY2023-${String(i + 1).padStart(4, '0')}`));
    expect(byYear(2024)).toEqual(Array.from({ length: 8 }, (_, i) => `QY2024-${String(i + 1).padStart(4, '0')}`));
    const toastCodes = inTime.map((a) => /QY\d{4}-\d{4}/.exec(a.body.toast.content)![0]);
    expect(new Set(toastCodes).size).toBe(inTime.length);
    expect(toastCodes.every((c) => rows.some((r) => r.code === c))).toBe(true);
  });

  it('concurrent submits from two bot processes on one database file still get distinct consecutive codes', async () => {
    t = await startTestBot();
    const other = await startTestBot({ databaseUrl: t.databaseUrl, fake: t.fake });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => submitReport(i % 2 ? other : t, { form: reportForm({ enterprise: `双实例${i}有限公司` }) })),
      );
      expect(answers.map((a) => a.body.toast?.type)).toEqual(Array(20).fill('success'));
      const codes = (await t.bot.db.enterpriseCase.findMany({ orderBy: { seq: 'asc' } })).map((r) => r.code);
      expect(codes).toEqual(Array.from({ length: 20 }, (_, i) => `QY2023-${String(i + 1).padStart(4, '0')}`));
    } finally {
      await other.close();
    }
  });

  it('one firm under two spellings is stored once, with its fuller name', async () => {
    t = await startTestBot();
    await submitReport(t, { form: reportForm({ enterprise: '华为' }) });
    await submitReport(t, { form: reportForm({ enterprise: '华为技术有限公司' }) });
    await submitReport(t, { form: reportForm({ enterprise: '华为技术（深圳）有限公司' }) });
    await submitReport(t, { form: reportForm({ enterprise: '好得医药有限公司' }) });
    const firms = await t.bot.db.enterprise.findMany({ orderBy: { id: 'asc' } });
    expect(firms.map((f) => f.name)).toEqual(['华为技术（深圳）有限公司', '好得医药有限公司']);
    expect(await t.bot.db.enterpriseCase.count()).toBe(4);
  });

  it('a missing received date means today', async () => {
    t = await startTestBot();
    const form = reportForm();
    delete form.received_date;
    const res = await submitReport(t, { form, from: STAFF });
    expect(res.body.toast.type).toBe('success');
    const c = await t.bot.db.enterpriseCase.findFirstOrThrow();
    expect(c.receivedDate).toBe(dayIn(new Date(), 'Asia/Shanghai'));
  });
});

describe('a deadline that runs into a year without an official calendar', () => {
  const today = dayIn(new Date(), 'Asia/Shanghai');
  const nextYear = Number(today.slice(0, 4)) + 1;
  // True until chinese-days publishes next year's calendar (each November/December).
  it.runIf(!calendarCovers(nextYear) && today.slice(5) >= '10-15')(`is stored, flagged provisional on the card and in the history (${nextYear} not yet published)`, async () => {
    t = await startTestBot();
    const res = await submitReport(t, { form: reportForm({ category: 'infrastructure', received_date: `${today} +0800` }) });
    expect(res.body.toast.type).toBe('success');
    expect(cardText(res.body.card.data)).toContain(`${nextYear}年法定节假日安排尚未发布，期限暂按仅扣除周末计算`);
    const c = await t.bot.db.enterpriseCase.findFirstOrThrow({ include: { history: true } });
    expect(c.deadlineProvisional).toBe(true);
    expect(c.history[0]!.note).toContain('期限暂按仅扣除周末计算');
  });
});
