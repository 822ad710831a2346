/**
 * Year-end draft benchmark: 100,000 cases received in one year on a fresh SQLite file.
 * Prints the time to the draft text (query + figures + render + posts; target < 1 s), the time
 * to the .docx (draft + appendix of every case; target < 3 s), and the peak RSS. Then the
 * running bot's peak RSS during `/总结 <年> 台账` against its own idle RSS, over 9,999 cases
 * (a full year of codes; target 1.6x) and over all of them (target 2x).
 *
 *   npm run bench:draft -- [cases=100000] [runs=5]     (builds dist/ first: the bot runs compiled)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CATEGORIES } from '../src/domain/cases/categories.js';
import { draftPosts } from '../src/presentation/report/draft-messages.js';
import { writeDraftFiles } from '../src/presentation/report/draft-files.js';
import { renderDraft } from '../src/presentation/report/render-draft.js';
import { loadDraftTemplate } from '../src/presentation/report/template.js';
import { loadYearFigures } from '../src/store/report/load-year-figures.js';
import { yearLedgerPages } from '../src/store/report/load-year-ledger.js';
import { closeDatabase, openDatabase } from '../src/store/database.js';
import { botPeakRssDuringSummary } from './draft-rss.js';

const CASES = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 5);
const YEAR = 2023;
const day = (n: number) => new Date(Date.UTC(YEAR, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function seed(path: string, cases = CASES): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const enterprise = db.prepare('INSERT INTO enterprises (name, normalized_name) VALUES (?, ?)');
  const kase = db.prepare(`INSERT INTO enterprise_cases (code, year, seq, enterprise_id, category, content, received_date, deadline_days,
    original_deadline, deadline, status, reporter_id, resolved_date, source, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  db.transaction(() => {
    const firms = 5_000;
    for (let i = 1; i <= firms; i++) enterprise.run(`测试企业${i}号有限公司`, `测试企业${i}号`);
    for (let i = 1; i <= cases; i++) {
      const received = day(i % 330);
      const deadline = day((i % 330) + 20);
      const open = i % 50 === 0;
      const resolved = open ? null : day((i % 330) + (i % 97 === 0 ? 25 : 3));
      kase.run(`QY${YEAR}-${String(i).padStart(6, '0')}`, YEAR, i, 1 + (i * 7919) % firms, CATEGORIES[i % 5]!.value, '基准测试诉求', received, 15,
        deadline, deadline, open ? 'in_progress' : 'resolved', 'ou_bench', resolved, 'demo', new Date().toISOString());
    }
  })();
  db.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-draft-'));
try {
  const path = join(dir, 'bench.db');
  const { db } = await openDatabase(path);
  await closeDatabase(db);
  const t0 = performance.now();
  seed(path);
  console.log(`seeded ${CASES.toLocaleString('en')} cases of ${YEAR} in ${Math.round(performance.now() - t0)} ms`);

  const { db: client } = await openDatabase(path);
  const template = loadDraftTemplate();
  const toText: number[] = [];
  const toDocx: number[] = [];
  const toXlsx: number[] = [];
  const rssAfter = { seed: process.resourceUsage().maxRSS / 1024, text: 0, docx: 0 };
  // CPU time beside wall time: the machine may be shared, and CPU time says what the work costs.
  const cpuText: number[] = [];
  const cpuDocx: number[] = [];
  let docBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const a = performance.now();
    const cpuA = process.cpuUsage();
    const figures = await loadYearFigures(client, YEAR, '2026-11-25');
    const draft = renderDraft(figures, template, '投资促进局');
    const posts = draftPosts(draft);
    const b = performance.now();
    const cpuB = process.cpuUsage(cpuA);
    if (run === 0) rssAfter.text = process.resourceUsage().maxRSS / 1024;
    // The ledger's pages straight from the store, as the bot reads them (never the whole year at once).
    const pages = yearLedgerPages(client, YEAR, '2026-11-25');
    const { docx, appendix } = await writeDraftFiles(draft, pages, []);
    const c = performance.now();
    const cpuC = process.cpuUsage(cpuA);
    if (run === 0) {
      rssAfter.docx = process.resourceUsage().maxRSS / 1024;
      const x = performance.now();
      await writeDraftFiles(draft, pages, [], YEAR);
      toXlsx.push(performance.now() - x);
    }
    if (appendix.rows !== CASES) throw new Error('the appendix does not list every case');
    toText.push(b - a);
    toDocx.push(c - a);
    cpuText.push((cpuB.user + cpuB.system) / 1000);
    cpuDocx.push((cpuC.user + cpuC.system) / 1000);
    docBytes = docx.length;
    if (figures.total !== CASES || posts.length === 0) throw new Error('the draft does not count every case');
  }
  await closeDatabase(client);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`runs: ${RUNS}`);
  console.log(`time to text  (query + figures + render + posts): median ${Math.round(median(toText))} ms  [${toText.map(Math.round).join(', ')}]  target < 1000 ms`);
  console.log(`time to .docx (text + ledger query + .docx):           median ${Math.round(median(toDocx))} ms  [${toDocx.map(Math.round).join(', ')}]  target < 3000 ms`);
  console.log(`CPU time: text median ${Math.round(median(cpuText))} ms, .docx median ${Math.round(median(cpuDocx))} ms; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  console.log(`.docx size: ${(docBytes / 1e6).toFixed(1)} MB; .docx with the .xlsx ledger (first run only): ${Math.round(toXlsx[0]!)} ms`);
  console.log(`peak RSS: ${Math.round(peakMb)} MB (peak so far after seeding ${Math.round(rssAfter.seed)} MB, after the first text ${Math.round(rssAfter.text)} MB, after the first .docx ${Math.round(rssAfter.docx)} MB)`);

  const full = join(dir, 'full-year.db');
  await closeDatabase((await openDatabase(full)).db);
  seed(full, 9_999);
  for (const [cases, dbPath, target] of [[9_999, full, 1.6], [CASES, path, 2]] as const) {
    const r = await botPeakRssDuringSummary(dbPath, YEAR);
    const ratio = r.peakMb / r.idleMb;
    console.log(
      `bot during /总结 ${YEAR} 台账 over ${cases.toLocaleString('en')} cases: idle ${Math.round(r.idleMb)} MB, peak ${Math.round(r.peakMb)} MB, ` +
        `ratio ${ratio.toFixed(2)}x (target <= ${target}x: ${ratio <= target ? 'met' : 'MISSED'}); files in ${r.seconds.toFixed(1)} s (.docx ${(r.docxBytes / 1e6).toFixed(1)} MB, .xlsx ${(r.xlsxBytes / 1e6).toFixed(1)} MB)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
