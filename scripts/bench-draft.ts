/**
 * Year-end draft benchmark: 100,000 cases received in one year on a fresh SQLite file.
 * Prints the time to the draft text (query + figures + render + posts; target < 1 s), the time
 * to the .docx (draft + appendix of every case; target < 3 s), and the peak RSS.
 *
 *   npx tsx scripts/bench-draft.ts [cases=100000] [runs=5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CATEGORIES } from '../src/domain/cases/categories.js';
import { draftDocx } from '../src/presentation/report/draft-docx.js';
import { draftPosts } from '../src/presentation/report/draft-messages.js';
import { ledgerXlsx } from '../src/presentation/report/ledger-xlsx.js';
import { renderDraft } from '../src/presentation/report/render-draft.js';
import { loadDraftTemplate } from '../src/presentation/report/template.js';
import { loadYearFigures } from '../src/store/report/load-year-figures.js';
import { loadYearLedger } from '../src/store/report/load-year-ledger.js';
import { closeDatabase, openDatabase } from '../src/store/database.js';

const CASES = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 5);
const YEAR = 2023;
const day = (n: number) => new Date(Date.UTC(YEAR, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function seed(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const enterprise = db.prepare('INSERT INTO enterprises (name, normalized_name) VALUES (?, ?)');
  const kase = db.prepare(`INSERT INTO enterprise_cases (code, year, seq, enterprise_id, category, content, received_date, deadline_days,
    original_deadline, deadline, status, reporter_id, resolved_date, source, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  db.transaction(() => {
    const firms = 5_000;
    for (let i = 1; i <= firms; i++) enterprise.run(`测试企业${i}号有限公司`, `测试企业${i}号`);
    for (let i = 1; i <= CASES; i++) {
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
    const ledger = loadYearLedger(client, YEAR, '2026-11-25');
    const docx = await draftDocx(draft, ledger);
    const c = performance.now();
    const cpuC = process.cpuUsage(cpuA);
    if (run === 0) {
      rssAfter.docx = process.resourceUsage().maxRSS / 1024;
      const x = performance.now();
      await ledgerXlsx(YEAR, ledger);
      toXlsx.push(performance.now() - x);
    }
    if (ledger.length !== CASES) throw new Error('the appendix does not list every case');
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
  console.log(`.docx size: ${(docBytes / 1e6).toFixed(1)} MB; .xlsx ledger (first run only): ${Math.round(toXlsx[0]!)} ms`);
  console.log(`peak RSS: ${Math.round(peakMb)} MB (peak so far after seeding ${Math.round(rssAfter.seed)} MB, after the first text ${Math.round(rssAfter.text)} MB, after the first .docx ${Math.round(rssAfter.docx)} MB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
