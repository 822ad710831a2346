import { afterEach, describe, expect, it } from 'vitest';
import { ledgerRows } from '../../src/cloud/base/ledger-notice.js';
import { LEDGER_FIELDS, LEDGER_TABLE } from '../../src/cloud/base/ledger-fields.js';
import type { LocalTable } from '../../src/local/local-cloud.js';
import { importLedger } from '../../src/store/report/import-ledger.js';
import type { ImportCase } from '../../src/domain/report/ledger-import.js';
import type { FakeCloud } from '../support/fake-cloud.js';
import { messageEvent } from '../support/lark-payloads.js';
import { ADMIN, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { caseAction, submitReport } from '../cases/case-support.js';
import { seedCases } from '../report/support/seed.js';
import { BASE, fakeWithCloud } from './cloud-support.js';

let t: TestBot | undefined;
let cloud: FakeCloud;
afterEach(async () => {
  await t?.destroy();
  await t?.fake.stop();
  t = undefined;
});

async function start(o: { clock?: string } = {}) {
  const f = await fakeWithCloud();
  cloud = f.cloud;
  // A clock that moves (from a day in 2023): retries are due after their backoff.
  const t0 = Date.now();
  const clock = o.clock ? { now: () => new Date(Date.parse(o.clock!) + Date.now() - t0) } : undefined;
  t = await startTestBot({ fake: f.fake, env: { BOT_BITABLE_APP_TOKEN: BASE }, ...(clock ? { clock } : {}) });
  return t;
}

const table = (): LocalTable | undefined => [...(cloud.state.bases.get(BASE)?.values() ?? [])][0];
const records = () => [...(table()?.records.values() ?? [])];
const recordOf = (code: string) => records().find((r) => r['编号'] === code);
const codeOfCase = async () => (await t!.bot.db.enterpriseCase.findFirstOrThrow({ orderBy: { id: 'desc' } })).code;
const answers = (to = ADMIN) => t!.fake.messages.filter((m) => m.receiveId === to || m.replyTo).map((m) => (m.msgType === 'text' ? m.content.text : '')).filter((x) => x.includes('台账已与多维表格'));

describe('the ledger as a Lark Base table', { timeout: 60_000 }, () => {
  it('creates the table with its typed fields on first use, then upserts one record per case after every change', async () => {
    await start({ clock: '2023-10-09T02:00:00Z' });
    await submitReport(t!);
    const code = await waitFor(async () => (records().length ? codeOfCase() : undefined), 10_000, 'the first record');
    expect(table()!.name).toBe(LEDGER_TABLE);
    expect(table()!.fields.map((f) => [f.field_name, f.type])).toEqual(LEDGER_FIELDS.map((f) => [f.field_name, f.type]));
    expect(recordOf(code)).toMatchObject({ 编号: code, 企业名称: '好得科技有限公司', 诉求类别: '增值税和企业所得税扶持政策兑现', 状态: '待受理', 上报人: [{ id: expect.stringMatching(/^ou_/) }], 督办次数: 0 });
    await caseAction(t!, 'case.accept', code, { from: ADMIN });
    await waitFor(() => recordOf(code)?.['状态'] === '办理中', 10_000, '办理中');
    await caseAction(t!, 'case.resolve', code, { from: ADMIN, form: { resolution: '已兑现', resolved_date: '2023-10-08 +0800' } });
    await waitFor(() => recordOf(code)?.['状态'] === '已办结', 10_000, '已办结');
    expect(recordOf(code)).toMatchObject({ 是否在时限内: true, '办理用时（工作日）': expect.any(Number), 办结日期: Date.parse('2023-10-07T16:00:00Z') });
    expect(records()).toHaveLength(1);
    expect(t!.fake.requests.filter((r) => r.path.endsWith('/tables') && r.method === 'POST')).toHaveLength(1);
    expect(cloud.findings).toEqual([]);
  });

  it('retries 5xx, 429 and the Base’s rate-limit code, in order per case, and still has one record', async () => {
    await start({ clock: '2023-10-09T02:00:00Z' });
    t!.fake.fail('/records/batch_create', { status: 500 }, 1);
    t!.fake.fail('/records/batch_update', { status: 429 }, 1);
    t!.fake.fail('/records/batch_update', { code: 1254290 }, 1);
    await submitReport(t!);
    const code = await waitFor(async () => (records().length ? codeOfCase() : undefined), 10_000, 'the record');
    await caseAction(t!, 'case.accept', code, { from: ADMIN });
    await caseAction(t!, 'case.return', code, { from: ADMIN, form: { reason: '不属于本局职责' } });
    await waitFor(() => recordOf(code)?.['状态'] === '已退回', 10_000, '已退回 after the retries');
    expect(records()).toHaveLength(1);
    // In order: 办理中 was written before 已退回 (one case's rows leave one after another).
    const states = t!.fake.requests.filter((r) => r.path.endsWith('/batch_update')).map((r) => r.body.records[0].fields['状态']);
    expect(states.lastIndexOf('办理中')).toBeLessThan(states.indexOf('已退回'));
    expect(cloud.findings).toEqual([]);
  });

  it('/同步台账 puts back hand edits of the bot’s fields, keeps the office’s own column, names strangers, and is idempotent', async () => {
    await start();
    await seedCases(t!.bot.db, Array.from({ length: 5 }, (_, i) => ({ enterprise: `企业${i}有限公司`, category: 'staffing', receivedDate: `2023-03-0${i + 1}`, resolvedDate: '2023-03-20' })));
    await t!.post(messageEvent({ text: '/同步台账 2023', from: ADMIN }));
    expect(await waitFor(() => answers()[0], 10_000, 'the first answer')).toContain('新建记录5条，更新0条，一致0条');
    // By hand in Lark: a column of the office's own, an edited status, a deleted record, a stranger.
    const tb = table()!;
    tb.fields.push({ field_name: '领导批示', type: 1 });
    const [first, second] = [...tb.records.entries()];
    first![1]['状态'] = '已退回';
    first![1]['领导批示'] = '请加快办理';
    tb.records.delete(second![0]);
    tb.records.set('recStranger', { 编号: 'QY2023-0999', 企业名称: '手工添加' });
    await t!.post(messageEvent({ text: '/同步台账 2023', from: ADMIN }));
    const second2 = await waitFor(() => answers()[1], 10_000, 'the second answer');
    expect(second2).toContain('新建记录1条，更新1条，一致3条');
    expect(second2).toContain('QY2023-0999');
    expect(tb.records.get(first![0])).toMatchObject({ 状态: '已办结', 领导批示: '请加快办理' });
    expect(records().filter((r) => /^QY2023-000\d$/.test(String(r['编号'])))).toHaveLength(5);
    await t!.post(messageEvent({ text: '/同步台账 2023', from: ADMIN }));
    expect(await waitFor(() => answers()[2], 10_000, 'the third answer')).toContain('新建记录0条，更新0条，一致5条');
    expect(cloud.findings).toEqual([]);
  });

  it('tells the admins once when the Base is not shared; case work goes on and the Base catches up once it is', async () => {
    await start({ clock: '2023-10-09T02:00:00Z' });
    cloud.refuse.base = true;
    await submitReport(t!);
    await submitReport(t!);
    const line = await waitFor(() => t!.fake.textsTo(ADMIN).find((x) => x.includes('多维表格')), 10_000, 'the line to the admin');
    expect(line).toContain('添加文档应用');
    expect(await t!.bot.db.enterpriseCase.count()).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(t!.fake.textsTo(ADMIN).filter((x) => x.includes('多维表格'))).toHaveLength(1);
    cloud.refuse.base = false;
    await waitFor(() => records().length === 2, 15_000, 'the Base catching up');
    // Granted, then taken away again: told again, once.
    cloud.refuse.base = true;
    await submitReport(t!);
    await waitFor(() => t!.fake.textsTo(ADMIN).filter((x) => x.includes('多维表格')).length === 2, 10_000, 'the second line');
    expect(cloud.findings).toEqual([]);
  });

  it('has the 300 records of an imported year in the Base within 60 s of the import', async () => {
    await start();
    const cases: ImportCase[] = Array.from({ length: 300 }, (_, i) => ({
      line: i + 2, code: `QY2022-${String(i + 1).padStart(4, '0')}`, year: 2022, seq: i + 1, enterprise: `导入企业${i % 40}有限公司`, category: 'other',
      receivedDate: '2022-05-06', resolvedDate: i % 4 ? '2022-05-20' : null, deadline: '2022-06-01', ruleDays: null, content: null, department: null, followup: null,
    }));
    const started = Date.now();
    await importLedger(t!.bot.db, cases, { notices: (codes) => codes.flatMap((code) => ledgerRows(t!.config, code, 'import')) });
    t!.bot.outbox.wake();
    await waitFor(() => records().length === 300, 60_000, '300 records');
    const ms = Date.now() - started;
    console.log(`300 imported cases in the Base ${ms} ms after the import began`);
    expect(ms).toBeLessThan(60_000);
    expect(new Set(records().map((r) => r['编号'])).size).toBe(300);
    expect(cloud.findings).toEqual([]);
  });
});
