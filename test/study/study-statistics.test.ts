import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent, cardActionEvent } from '../support/lark-payloads.js';
import { waitFor, type TestBot } from '../support/test-bot.js';
import type { Db } from '../../src/store/database.js';
import { studyYearStats } from '../../src/store/study/statistics.js';
import { ADMIN, CHAT, LEADER, STAFF, callbackValues, cardText, studyBot } from './study-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const OTHER = 'ou_other00000000000000000000001';

/** Three sessions in 2025 and one in 2024, written straight to the store. */
async function seed(db: Db): Promise<void> {
  const session = async (heldDate: string, topic: string, rows: Array<[string, string, Partial<{ reason: string; makeup: boolean; note: string }>?]>) => {
    const s = await db.studySession.create({ data: { topic, chatId: CHAT, openedBy: ADMIN, heldDate, openedAt: new Date(`${heldDate}T01:00:00Z`), closedAt: new Date(`${heldDate}T10:00:00Z`) } });
    for (const [openId, status, extra] of rows) await db.studyAttendance.create({ data: { sessionId: s.id, openId, status, ...extra } });
  };
  await session('2025-03-04', '宪法', [[STAFF, 'present'], [LEADER, 'present'], [ADMIN, 'present'], [OTHER, 'absent']]);
  await session('2025-06-10', '行政复议法', [[STAFF, 'present'], [LEADER, 'leave', { reason: '出差' }], [ADMIN, 'present'], [OTHER, 'present', { makeup: true, note: '会后补学' }]]);
  await session('2025-12-31', '优化营商环境条例', [[STAFF, 'present'], [LEADER, 'absent']]);
  await session('2024-12-31', '民法典', [[STAFF, 'absent'], [LEADER, 'absent']]);
  await db.user.createMany({ data: [{ openId: OTHER, name: '赵干事', source: 'manual' }] });
}

describe('会前学法 statistics', () => {
  it('studyYearStats counts sessions of the year and per person 签到/请假/缺席 and rate, sorted', async () => {
    t = await studyBot();
    await seed(t.bot.db);
    const stats = await studyYearStats(t.bot.db, 2025);
    expect(stats.year).toBe(2025);
    expect(stats.sessions).toBe(3);
    expect(stats.sessionList.map((s) => [s.heldDate, s.present, s.leave, s.absent])).toEqual([
      ['2025-03-04', 3, 0, 1],
      ['2025-06-10', 3, 1, 0],
      ['2025-12-31', 1, 0, 1],
    ]);
    expect(stats.perPerson.map((p) => [p.openId, p.present, p.leave, p.absent, p.makeup])).toEqual([
      [STAFF, 3, 0, 0, 0],
      [ADMIN, 2, 0, 0, 0],
      [OTHER, 1, 0, 1, 1],
      [LEADER, 1, 1, 1, 0],
    ]);
    expect(stats.perPerson[0]!.rate).toBe(1);
    expect(stats.perPerson[2]).toMatchObject({ name: '赵干事', rate: 0.5 });
    expect(stats.perPerson[3]!.rate).toBeCloseTo(1 / 3);
    expect(stats.totals).toMatchObject({ present: 7, leave: 1, absent: 2 });
    expect(stats.averageAttendanceRate).toBeCloseTo((3 / 4 + 3 / 4 + 1 / 2) / 3);
    expect((await studyYearStats(t.bot.db, 2024)).perPerson.map((p) => p.absent)).toEqual([1, 1]);
    expect(await studyYearStats(t.bot.db, 2023)).toMatchObject({ sessions: 0, perPerson: [], averageAttendanceRate: 0 });
  });

  it('/学法统计 2025 answers with a card sorted by rate, with names; staff get no export button', async () => {
    t = await studyBot();
    await seed(t.bot.db);
    await t.post(messageEvent({ text: '/学法统计 2025', from: STAFF }));
    const msg = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'));
    const text = cardText(msg.content);
    expect(text).toContain('2025年会前学法统计');
    expect(text).toContain('共开展会前学法 **3** 次，平均出勤率 **66.7%**');
    const lines = text.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(lines).toEqual([
      '1. 李科员　签到 3　请假 0　缺席 0　出勤率 100.0%',
      '2. 张局长　签到 2　请假 0　缺席 0　出勤率 100.0%',
      '3. 赵干事　签到 1　请假 0　缺席 1　出勤率 50.0%（含补签 1）',
      '4. 王主任　签到 1　请假 1　缺席 1　出勤率 33.3%',
    ]);
    expect(callbackValues(msg.content)).toEqual([]);
  });

  it('an admin gets the statistics as an .xlsx in a direct message, from the card button or “导出”', async () => {
    t = await studyBot();
    await seed(t.bot.db);
    await t.post(messageEvent({ text: '/学法统计 2025', from: ADMIN }));
    const msg = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'));
    const value = callbackValues(msg.content).find((v) => v.action === 'study.export');
    expect(value).toEqual({ action: 'study.export', year: 2025 });

    const byStaff = await t.post(cardActionEvent({ value, from: STAFF, messageId: msg.messageId }));
    expect(byStaff.body.toast).toEqual({ type: 'error', content: '仅管理员可导出统计表' });

    const res = await t.post(cardActionEvent({ value, from: ADMIN, messageId: msg.messageId }));
    expect(res.body.toast.type).toBe('success');
    const file = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'file'));
    expect(file).toMatchObject({ receiveId: ADMIN, receiveIdType: 'open_id' });
    const upload = t.fake.requests.find((r) => r.path === '/open-apis/im/v1/files')!;
    expect(upload.rawBody.toString('utf8')).toContain('xls');
    const zipAt = upload.rawBody.indexOf(Buffer.from('PK\u0003\u0004', 'latin1'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(upload.rawBody.subarray(zipAt) as any);
    const people = wb.getWorksheet('人员统计')!;
    expect(people.getRow(1).values).toEqual([undefined, '序号', '姓名', '签到', '请假', '缺席', '其中补签', '出勤率', 'open_id']);
    expect(people.getRow(2).getCell(2).value).toBe('李科员');
    expect(people.getRow(5).getCell(2).value).toBe('王主任');
    expect(people.getRow(5).getCell(7).value).toBeCloseTo(1 / 3);
    expect(wb.getWorksheet('场次')!.rowCount).toBe(5);
    const detail = wb.getWorksheet('明细')!;
    expect(detail.rowCount).toBe(1 + 10);
    const rows = detail.getSheetValues().slice(2).map((r: any) => r.slice(1));
    expect(rows).toContainEqual(['2025-06-10', '行政复议法', '王主任', '请假', '出差', '', '']);
    expect(rows).toContainEqual(['2025-06-10', '行政复议法', '赵干事', '签到', '', '是', '会后补学']);

    await t.post(messageEvent({ text: '/学法统计 2025 导出', from: ADMIN }));
    await waitFor(() => t.fake.messages.filter((m) => m.msgType === 'file').length === 2);
  });

  it('a bad year is answered with the usage, and “导出” by staff is refused', async () => {
    t = await studyBot();
    await t.post(messageEvent({ text: '/学法统计 去年', from: STAFF }));
    await t.post(messageEvent({ text: '/学法统计 2025 导出', from: STAFF }));
    const texts = await waitFor(() => (t.fake.messages.length === 2 ? t.fake.messages.map((m) => m.content.text) : undefined));
    expect(texts[0]).toContain('年份应为四位数字');
    expect(texts[1]).toBe('仅管理员可导出统计表');
  });
});
