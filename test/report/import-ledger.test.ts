import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { validateLedger } from '../../src/domain/report/ledger-import.js';
import { ledgerXlsx } from '../../src/presentation/report/ledger-xlsx.js';
import { readLedgerFile } from '../../src/presentation/report/read-ledger-file.js';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { importLedger } from '../../src/store/report/import-ledger.js';
import { loadYearFigures } from '../../src/store/report/load-year-figures.js';
import { loadYearLedger } from '../../src/store/report/load-year-ledger.js';
import { referenceCases } from './support/reference-cases.js';
import { ledgerWorkbench } from './support/ledger-workbench.js';
import { seedCases } from './support/seed.js';
import { TEST_DB_KIND } from '../support/test-bot.js';

const HEADER = '编号,企业名称,诉求类别,受理日期,办结日期,是否在时限内';
const TODAY = '2026-11-25';
const { newDatabase, path: inDir, csv } = ledgerWorkbench('fazhi-import-');
let db: Db;
beforeEach(async () => {
  db = await newDatabase();
});

describe('importing a ledger', () => {
  it('imports a CSV with the appendix columns, and the draft then counts those cases', async () => {
    const path = csv('2022.csv', [
      HEADER,
      'QY2022-0001,好得科技有限公司,增值税和企业所得税扶持政策兑现,2022-03-14,2022-03-20,是',
      'QY2022-0002,好得科技有限公司,tax_policy,2022/4/1,2022/5/30,否',
      'QY2022-0003,安徽合璟科技有限公司,办公厂房,2022年6月1日,2022-06-03,是',
    ]);
    const { cases, errors } = validateLedger(await readLedgerFile(path), TODAY);
    expect(errors).toEqual([]);
    expect(await importLedger(db, cases)).toEqual({ imported: 3, errors: [] });
    const f = await loadYearFigures(db, 2022, TODAY);
    expect(f).toMatchObject({ total: 3, resolved: 3, withinDeadline: 2, resolvedLate: 1 });
    expect(f.categories.map((c) => [c.category, c.count, c.examples])).toEqual([['tax_policy', 2, ['好得科技有限公司']], ['premises', 1, ['安徽合璟科技有限公司']]]);
    expect((await loadYearLedger(db, 2022, TODAY)).map((r) => r.withinDeadline)).toEqual(['是', '否', '是']);
    expect(await db.enterprise.count()).toBe(2);
    expect(await db.caseEvent.count({ where: { kind: 'created' } })).toBe(3);
  });

  it('reports every bad row with its line and reason, and imports nothing', async () => {
    const path = csv('bad.csv', [
      HEADER,
      'QY2022-0001,好得科技有限公司,增值税和企业所得税扶持政策兑现,2022-03-14,2022-03-20,是',
      'QY2022-0002,,税收,2022-02-30,,是',
      'X-7,某公司,用人需求,2022-03-01,2022-02-01,是',
      'QY2022-0001,某公司,用人需求,2022-03-01,2022-03-02,是',
      'QY2023-0004,某公司,用人需求,2022-03-01,,',
      'QY2022-0005,某公司,用人需求,2022-03-01,2022-03-05,',
      'QY2022-0006,某公司,用人需求,2022-03-01,2022-06-01,是',
    ]);
    const { errors } = validateLedger(await readLedgerFile(path), TODAY);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(errors[0]!.message).toMatch(/企业名称为空.*诉求类别「税收」.*受理日期「2022-02-30」不是有效日期/);
    expect(errors[1]!.message).toMatch(/编号「X-7」.*办结日期 2022-02-01 早于受理日期/);
    expect(errors[2]!.message).toContain('与第2行重复');
    expect(errors[3]!.message).toBe('编号年份 2023 与受理日期 2022-03-01 不符');
    expect(errors[4]!.message).toContain('应填“是”或“否”');
    expect(errors[5]!.message).toBe('「是否在时限内」为“是”，与办结日期 2022-06-01 和按诉求类别时限（10个工作日）计算的办理期限 2022-03-15 不符，请在「办理期限」列填写实际期限');
    expect(await db.enterpriseCase.count()).toBe(0);
  });

  it('refuses a code that is not QY<year>-<four digits> from 0001, which /诉求 could not open and which would use up the year\'s codes', () => {
    const rows = (code: string) => [HEADER.split(','), [code, '好得科技有限公司', '用人需求', '2022-03-01', '', '']];
    for (const code of ['QY2022-12345', 'QY2022-00007', 'QY2022-0000']) {
      const { cases, errors } = validateLedger(rows(code), TODAY);
      expect(cases, code).toEqual([]);
      expect(errors[0]?.message, code).toContain(`编号「${code}」应为 QY年份-四位序号`);
    }
    expect(validateLedger(rows('qy2022-0007'), TODAY).cases.map((c) => c.code)).toEqual(['QY2022-0007']);
  });

  it('names the line of a bad row as the file numbers it, also after a blank line (CSV and .xlsx)', async () => {
    const lines = [HEADER, 'QY2022-0001,好得科技有限公司,其他,2022-03-14,2022-03-20,是', '', ',,其他,2022-03-14,,'];
    const fromCsv = validateLedger(await readLedgerFile(csv('blank.csv', lines)), TODAY);
    expect(fromCsv.errors.map((e) => e.line)).toEqual([4]);
    const leadingBlank = validateLedger(await readLedgerFile(csv('lead.csv', ['', ...lines])), TODAY);
    expect(leadingBlank.errors.map((e) => e.line)).toEqual([5]);
    expect(leadingBlank.cases.map((c) => c.line)).toEqual([3]);

    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.getRow(1).values = HEADER.split(',');
    ws.getRow(2).values = lines[1]!.split(',');
    ws.getRow(4).values = lines[3]!.split(',');
    const xlsxPath = inDir('blank.xlsx');
    await wb.xlsx.writeFile(xlsxPath);
    const fromXlsx = validateLedger(await readLedgerFile(xlsxPath), TODAY);
    expect(fromXlsx.errors.map((e) => e.line)).toEqual([4]);
  });

  it('refuses a file whose codes are already in the store, without writing any row of it', async () => {
    await seedCases(db, [{ enterprise: '甲公司', category: 'other', receivedDate: '2022-01-05', resolvedDate: '2022-01-06' }]);
    const path = csv('dup.csv', [HEADER, 'QY2022-0002,乙公司,其他,2022-02-01,2022-02-02,是', 'QY2022-0001,丙公司,其他,2022-02-01,2022-02-02,是']);
    const { cases } = validateLedger(await readLedgerFile(path), TODAY);
    const result = await importLedger(db, cases);
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([{ line: 3, message: expect.stringContaining('QY2022-0001 已存在') }]);
    expect(await db.enterpriseCase.count()).toBe(1);
  });

  it('reads back the .xlsx ledger that 「/总结 <年> 台账」 sends, with the same figures', async () => {
    await seedCases(db, referenceCases());
    const before = await loadYearFigures(db, 2023, TODAY);
    const path = inDir('ledger.xlsx');
    writeFileSync(path, await ledgerXlsx(2023, await loadYearLedger(db, 2023, TODAY)));
    const other = await newDatabase();
    const { cases, errors } = validateLedger(await readLedgerFile(path), TODAY);
    expect(errors).toEqual([]);
    expect((await importLedger(other, cases)).imported).toBe(63);
    const after = await loadYearFigures(other, 2023, TODAY);
    // Imported names are tidied like names typed in chat (full-width brackets).
    expect(JSON.stringify(after)).toBe(JSON.stringify(before).replace(/\(/g, '（').replace(/\)/g, '）'));
  });

  it('round-trips a case whose deadline was extended, and open cases, through the .xlsx ledger exactly', async () => {
    await seedCases(db, [
      // Due 2023-03-20 by its rule, extended to 2023-04-30 and resolved in time.
      { enterprise: '好得科技有限公司', category: 'tax_policy', receivedDate: '2023-02-27', deadline: '2023-04-30', resolvedDate: '2023-04-20' },
      { enterprise: '金龙机电有限公司', category: 'staffing', receivedDate: '2023-11-01', deadline: '2023-11-15' },
    ]);
    const path = inDir('extended.xlsx');
    const rows = await loadYearLedger(db, 2023, TODAY);
    writeFileSync(path, await ledgerXlsx(2023, rows));
    const other = await newDatabase();
    const { cases, errors } = validateLedger(await readLedgerFile(path), TODAY);
    expect(errors).toEqual([]);
    expect((await importLedger(other, cases)).imported).toBe(2);
    expect((await loadYearLedger(other, 2023, TODAY)).map((r) => [r.code, r.deadline, r.withinDeadline])).toEqual(rows.map((r) => [r.code, r.deadline, r.withinDeadline]));
  });

  // The script opens DATABASE_URL like the bot; the import itself is tested on both databases above.
  it.skipIf(TEST_DB_KIND === 'postgres')('runs as a script: lists bad rows and exits 1, imports a good file and exits 0', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: `file:${inDir('script.db')}`, LARK_APP_ID: '' };
    const script = join(__dirname, '../../scripts/import-ledger.ts');
    const tsx = join(__dirname, '../../node_modules/.bin/tsx');
    const bad = csv('bad.csv', [HEADER, 'QY2022-0001,,其他,2022-02-01,,']);
    const failed = await run(tsx, [script, bad], { env }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr).toContain('第2行：企业名称为空');
    const good = csv('good.csv', [HEADER, 'QY2022-0001,好得科技有限公司,其他,2022-02-01,2022-02-03,是']);
    const ok = await run(tsx, [script, good], { env });
    expect(ok.stdout).toContain('已导入 1 条诉求（2022年）');
  }, 60_000);

  it.skipIf(TEST_DB_KIND === 'postgres')('refuses, as a script, an import into a sealed year with the line that says how to reopen it, and writes nothing', async () => {
    const run = promisify(execFile);
    const url = `file:${inDir('sealed.db')}`;
    const { db: sealed } = await openDatabase(url);
    await sealed.yearSeal.create({ data: { year: 2022, action: 'seal', actorId: 'ou_admin' } });
    await closeDatabase(sealed);
    const good = csv('sealed.csv', [HEADER, 'QY2022-0001,好得科技有限公司,其他,2022-02-01,2022-02-03,是']);
    const tsx = join(__dirname, '../../node_modules/.bin/tsx');
    const failed = await run(tsx, [join(__dirname, '../../scripts/import-ledger.ts'), good], { env: { ...process.env, DATABASE_URL: url, LARK_APP_ID: '' } }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe('导入失败，未写入任何数据：2022年总结已定稿，导入2022年的台账会改变已定稿的数字，不能办理。如确需更正，请管理员先发送「/总结 2022 撤销定稿 理由」。');
    const { db: after } = await openDatabase(url);
    expect(await after.enterpriseCase.count()).toBe(0);
    await closeDatabase(after);
  }, 60_000);
});
