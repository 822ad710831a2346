/**
 * Imports an existing enterprise-request ledger so a bureau can load past years:
 *
 *   npx tsx scripts/import-ledger.ts <台账.csv|台账.xlsx> [--dry-run]
 *
 * Columns (first row): 编号, 企业名称, 诉求类别, 受理日期, 办结日期, 是否在时限内 (those of the
 * draft's appendix and of `/总结 <年> 台账`), optionally 办理期限, 诉求内容, 承办科室 and the
 * .xlsx ledger's 回访方式, 回访日期, 满意度, 企业意见 (a ledger without them imports as before).
 * Every row is checked first; with any bad row nothing is imported and each is listed.
 * Uses DATABASE_URL like the bot. Exit code 0 imported (or dry run clean), 1 bad rows, 2 usage.
 */
import { isAppError } from '../src/errors.js';
import { loadConfig } from '../src/config.js';
import { dayIn } from '../src/domain/dates/days.js';
import { validateLedger } from '../src/domain/report/ledger-import.js';
import { readLedgerFile } from '../src/presentation/report/read-ledger-file.js';
import { closeDatabase, openDatabase } from '../src/store/database.js';
import { importLedger } from '../src/store/report/import-ledger.js';
import { ledgerRows } from '../src/cloud/base/ledger-notice.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const dryRun = args.includes('--dry-run');
if (!file) {
  console.error('用法：npx tsx scripts/import-ledger.ts <台账.csv|台账.xlsx> [--dry-run]');
  process.exit(2);
}

const config = loadConfig(process.env);
const rows = await readLedgerFile(file).catch((e: Error) => {
  console.error(`无法读取 ${file}：${e.message}`);
  process.exit(2);
});
const { cases, errors } = validateLedger(rows, dayIn(new Date(), config.BOT_TIMEZONE));
const report = (errs: typeof errors) => {
  console.error(`发现 ${errs.length} 行有误，未导入任何数据：`);
  for (const e of errs) console.error(`  第${e.line}行：${e.message}`);
  process.exitCode = 1;
};

if (errors.length) report(errors);
else if (dryRun) console.log(`检查通过：${cases.length} 条诉求可以导入（--dry-run，未写入）。`);
else {
  // A database fault is told in one line: no stack trace, no path.
  const fault = (e: unknown) => {
    // A refusal the store explains itself (e.g. a sealed year) is told as it is.
    if (isAppError(e)) {
      console.error(`导入失败，未写入任何数据：${e.message}`);
      process.exitCode = 1;
      return;
    }
    console.error(`导入失败，未写入任何数据：${(e as { code?: string }).code ? `数据库错误 ${(e as { code?: string }).code}` : '数据库无法打开或写入'}。请检查 DATABASE_URL 和磁盘空间后重试。`);
    process.exitCode = 1;
  };
  const opened = await openDatabase(config.DATABASE_URL).catch(fault);
  if (opened) {
    const { db } = opened;
    try {
      // With a Base, every imported case is upserted there by the running bot's outbox.
      const result = await importLedger(db, cases, { notices: (codes) => codes.flatMap((code) => ledgerRows(config, code, 'import')) });
      if (result.errors.length) report(result.errors);
      else {
        const years = [...new Set(cases.map((c) => c.year))].sort().join('、');
        console.log(`已导入 ${result.imported} 条诉求（${years}年）到 ${config.DATABASE_URL}。`);
      }
    } catch (e) {
      fault(e);
    } finally {
      await closeDatabase(db);
    }
  }
}
