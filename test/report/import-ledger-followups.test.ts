import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FollowupInput } from '../../src/domain/cases/followup.js';
import { validateLedger } from '../../src/domain/report/ledger-import.js';
import { ledgerXlsx } from '../../src/presentation/report/ledger-xlsx.js';
import { readLedgerFile } from '../../src/presentation/report/read-ledger-file.js';
import { recordFollowup } from '../../src/store/cases/record-followup.js';
import type { Db } from '../../src/store/database.js';
import { importLedger } from '../../src/store/report/import-ledger.js';
import { loadYearFigures } from '../../src/store/report/load-year-figures.js';
import { loadYearLedger } from '../../src/store/report/load-year-ledger.js';
import { ADMIN } from '../support/test-bot.js';
import { ledgerWorkbench } from './support/ledger-workbench.js';
import { seedCases } from './support/seed.js';

const TODAY = '2026-11-25';
const HEADER = '编号,企业名称,诉求类别,受理日期,办结日期,是否在时限内';
const { newDatabase, path: inDir, csv } = ledgerWorkbench('fazhi-import-followups-');

const followup = (db: Db, code: string, input: FollowupInput) => recordFollowup(db, { code, actor: { openId: ADMIN, isAdmin: true }, at: new Date('2023-12-01T02:00:00Z'), input });

describe('the ledger import and export with 回访', () => {
  it('carries each case\'s 回访 through the .xlsx ledger: the same 回访 columns, figures and history after import', async () => {
    const db = await newDatabase();
    const [a, , c] = await seedCases(db, [
      { enterprise: '好得科技有限公司', category: 'tax_policy', receivedDate: '2023-03-01', deadline: '2023-03-22', resolvedDate: '2023-03-10' },
      { enterprise: '金龙机电有限公司', category: 'staffing', receivedDate: '2023-04-03', deadline: '2023-04-17', resolvedDate: '2023-04-10' },
      { enterprise: '淮北源淮实业有限公司', category: 'premises', receivedDate: '2023-05-04', deadline: '2023-06-01', resolvedDate: '2023-05-20' },
      { enterprise: '安徽新源食品有限公司', category: 'other', receivedDate: '2023-06-01', deadline: '2023-06-21' },
    ]);
    expect((await followup(db, a!, { method: 'phone', visitDate: '2023-03-15', satisfaction: 'satisfied', opinion: '兑现及时，手续简便' })).recorded).toBe(true);
    expect((await followup(db, c!, { method: 'visit', visitDate: '2023-05-25', satisfaction: 'basic', opinion: null })).recorded).toBe(true);
    const before = await loadYearLedger(db, 2023, TODAY);
    const figures = await loadYearFigures(db, 2023, TODAY);
    expect(figures.followups).toMatchObject({ total: 2, content: 2, satisfied: 1, basic: 1, dissatisfied: 0, cases: 2, rate: 100 });

    const path = inDir('ledger.xlsx');
    writeFileSync(path, await ledgerXlsx(2023, before));
    const rows = await readLedgerFile(path);
    expect(rows[0]).toEqual(['编号', '企业名称', '诉求类别', '受理日期', '办结日期', '是否在时限内', '回访情况', '办理期限', '回访方式', '回访日期', '满意度', '企业意见']);
    expect(rows[1]!.slice(6)).toEqual(['满意（2023-03-15）', '2023-03-22', '电话', '2023-03-15', '满意', '兑现及时，手续简便']);

    const other = await newDatabase();
    const { cases, errors } = validateLedger(rows, TODAY);
    expect(errors).toEqual([]);
    expect((await importLedger(other, cases)).imported).toBe(4);
    const after = await loadYearLedger(other, 2023, TODAY);
    expect(after.map((r) => [r.code, r.followups])).toEqual(before.map((r) => [r.code, r.followups]));
    expect((await loadYearFigures(other, 2023, TODAY)).followups).toEqual(figures.followups);
    const history = await other.caseEvent.findMany({ where: { kind: 'followup' }, orderBy: { id: 'asc' }, select: { note: true } });
    expect(history.map((h) => h.note)).toEqual(['电话回访（2023-03-15）：满意。企业意见：兑现及时，手续简便', '上门回访（2023-05-25）：基本满意']);
  });

  it('still imports an older ledger without 回访 columns, with no 回访 and no 满意率', async () => {
    const db = await newDatabase();
    const { cases, errors } = validateLedger(await readLedgerFile(csv('old.csv', [HEADER, 'QY2022-0001,好得科技有限公司,其他,2022-02-07,2022-02-09,是'])), TODAY);
    expect(errors).toEqual([]);
    expect((await importLedger(db, cases)).imported).toBe(1);
    expect(await db.caseFollowup.count()).toBe(0);
    expect((await loadYearFigures(db, 2022, TODAY)).followups).toMatchObject({ total: 0, rate: undefined });
  });

  it('refuses 回访 cells that break the rules, naming each row\'s line and reasons', async () => {
    const head = `${HEADER},回访方式,回访日期,满意度,企业意见`;
    const row = (n: number, resolved: string, rest: string) => `QY2022-000${n},好得科技有限公司,其他,2022-02-07,${resolved},${resolved ? '是' : ''},${rest}`;
    const path = csv('bad.csv', [
      head,
      row(1, '2022-02-09', '电话,2022-02-08,满意,'),
      row(2, '2022-02-09', '电话,2022-02-10,不满意,资金未到账'),
      row(3, '', '电话,2022-02-10,满意,'),
      row(4, '2022-02-09', '短信,2022-02-10,很好,'),
      row(5, '2022-02-09', `线上,2022-02-10,满意,${'意'.repeat(501)}`),
      row(6, '2022-02-09', '线上,2026-12-01,满意,'),
      row(7, '2022-02-09', '线上,2022-02-10,基本满意,'),
    ]);
    const { cases, errors } = validateLedger(await readLedgerFile(path), TODAY);
    expect(errors).toEqual([
      { line: 2, message: '回访日期 2022-02-08 早于办结日期' },
      { line: 3, message: '满意度为“不满意”的诉求应重新办理，不能以已办结导入：请填写重新办结后的办结日期和回访，或在机器人中回访' },
      { line: 4, message: '填写了回访信息，但没有办结日期：回访在办结之后' },
      { line: 5, message: '回访方式「短信」应为：电话、上门、线上；满意度「很好」应为：满意、基本满意、不满意' },
      { line: 6, message: '企业意见不能超过500字' },
      { line: 7, message: '回访日期 2026-12-01 晚于今天' },
    ]);
    expect(cases.map((c) => [c.code, c.followup])).toEqual([['QY2022-0007', { method: 'online', visitDate: '2022-02-10', satisfaction: 'basic', opinion: null }]]);
  });
});
