import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateLedger } from '../../src/domain/report/ledger-import.js';
import { readLedgerFile } from '../../src/presentation/report/read-ledger-file.js';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { importLedger } from '../../src/store/report/import-ledger.js';

const HEADER = '编号,企业名称,诉求类别,受理日期,办结日期,是否在时限内,办理期限,诉求内容,承办科室';
const TODAY = '2026-11-25';
let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fazhi-import-scale-'));
  ({ db } = await openDatabase(join(dir, 'bot.db')));
});
afterEach(async () => {
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

/** A year's ledger of `n` cases over 50 firms, resolved in time. */
function yearLedger(n: number): string {
  const lines = [HEADER];
  for (let i = 1; i <= n; i++) {
    const day = `2022-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    lines.push(`QY2022-${String(i).padStart(4, '0')},企业${i % 50}有限公司,其他,${day},${day},是,${day},诉求内容${i},综合科`);
  }
  const path = join(dir, `ledger-${n}.csv`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('ledger import at scale and with hostile cells', () => {
  it.each([2_000, 9_999])('imports %i rows in one go', async (n) => {
    const { cases, errors } = validateLedger(await readLedgerFile(yearLedger(n)), TODAY);
    expect(errors).toEqual([]);
    expect(await importLedger(db, cases)).toEqual({ imported: n, errors: [] });
    expect(await db.enterpriseCase.count()).toBe(n);
    expect(await db.caseEvent.count()).toBe(n);
    // A second run is refused row by row, not with a database error.
    const again = await importLedger(db, cases);
    expect(again.imported).toBe(0);
    expect(again.errors).toHaveLength(n);
  }, 120_000);

  it('refuses over-long cells with the row’s line, and strips control characters', async () => {
    const path = join(dir, 'long.csv');
    writeFileSync(path, [
      HEADER,
      `QY2022-0001,好得\u0000科技\u202E有限公司,其他,2022-02-01,2022-02-03,是,,${'长'.repeat(3000)},综合科`,
      `QY2022-0002,好得科技有限公司,其他,2022-02-01,2022-02-03,是,,内容,${'科'.repeat(60)}`,
      `QY2022-0003,好得\u0008科技有限公司,其他,2022-02-01,2022-02-03,是,,内容\u001F,综合科`,
    ].join('\n'));
    const { cases, errors } = validateLedger(await readLedgerFile(path), TODAY);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
    expect(errors[0]!.message).toContain('诉求内容不能超过2000字');
    expect(errors[1]!.message).toContain('承办科室不能超过50字');
    expect(cases.map((c) => [c.enterprise, c.content])).toEqual([['好得科技有限公司', '内容']]);
  });

  it('the script imports 2,000 rows and answers a database fault without a stack trace', async () => {
    const run = promisify(execFile);
    const tsx = join(__dirname, '../../node_modules/.bin/tsx');
    const script = join(__dirname, '../../scripts/import-ledger.ts');
    const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'script.db')}`, LARK_APP_ID: '' };
    const ok = await run(tsx, [script, yearLedger(2_000)], { env });
    expect(ok.stdout).toContain('已导入 2000 条诉求');
    // A directory where the database file should be: the store cannot open it.
    const broken = { ...env, DATABASE_URL: `file:${dir}` };
    const failed = await run(tsx, [script, yearLedger(3)], { env: broken }).catch((e: { code: number; stderr: string }) => e);
    expect('code' in failed && failed.code).toBe(1);
    expect(failed.stderr).toContain('导入失败');
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(failed.stderr).not.toContain(dir);
  }, 120_000);
});
