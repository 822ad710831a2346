/**
 * Year-end draft benchmark for a district-size year: 20,000 cases received in one year on a
 * fresh SQLite file. Prints, each as a median over the runs with every run beside it, its ratio
 * to a baseline measured in each run (reading the ledger's rows alone) and to the goal: the
 * time to the draft text (query + figures + render + posts; goal < 1 s), to the .docx (text +
 * ledger query + .docx with the appendix of every case; goal < 3 s), to the .xlsx ledger
 * (ledger query + .xlsx; goal < 3 s), with CPU time beside wall time (the machine is shared). Then the running bot's peak RSS during `/总结 <年> 台账` against its own idle RSS
 * measured just before in the same run (goal <= 1.6x).
 *
 *   npm run bench:draft -- [cases=20000] [runs=5] [bot runs=3]     (builds dist/ first: the bot runs compiled)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { CATEGORIES } from '../src/domain/cases/categories.js';
import { draftPosts } from '../src/presentation/report/draft-messages.js';
import { writeDraftFiles } from '../src/presentation/report/draft-files.js';
import { ledgerXlsx } from '../src/presentation/report/ledger-xlsx.js';
import { renderDraft } from '../src/presentation/report/render-draft.js';
import { loadDraftTemplate } from '../src/presentation/report/template.js';
import { loadYearFigures } from '../src/store/report/load-year-figures.js';
import { yearLedgerPages } from '../src/store/report/load-year-ledger.js';
import { closeDatabase, openDatabase } from '../src/store/database.js';
import { botPeakRssDuringSummary } from './draft-rss.js';

const CASES = Number(process.argv[2] ?? 20_000);
const RUNS = Number(process.argv[3] ?? 5);
const BOT_RUNS = Number(process.argv[4] ?? 3);
const GOAL = { text: 1000, docx: 3000, xlsx: 3000, rss: 1.6 };
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
  // The baseline, measured in each run: reading the ledger's pages alone, what either file is written from.
  const wall = { read: [] as number[], text: [] as number[], docx: [] as number[], xlsx: [] as number[] };
  // CPU time beside wall time: the machine may be shared, and CPU time says what the work costs.
  const cpu = { read: [] as number[], text: [] as number[], docx: [] as number[], xlsx: [] as number[] };
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  // The longest the event loop was held while the files were written: the bot answers no one meanwhile.
  const stall = { docx: [] as number[], xlsx: [] as number[] };
  let docBytes = 0;
  let xlsxBytes = 0;
  for (let run = 0; run < RUNS; run++) {
    const r = performance.now();
    const cpuR = process.cpuUsage();
    let read = 0;
    for await (const page of yearLedgerPages(client, YEAR, '2026-11-25')) read += page.length;
    if (read !== CASES) throw new Error('the ledger does not list every case');
    wall.read.push(performance.now() - r);
    cpu.read.push(cpuMs(cpuR));
    const a = performance.now();
    const cpuA = process.cpuUsage();
    const figures = await loadYearFigures(client, YEAR, '2026-11-25');
    const draft = renderDraft(figures, template, '投资促进局');
    const posts = draftPosts(draft);
    wall.text.push(performance.now() - a);
    cpu.text.push(cpuMs(cpuA));
    // The ledger's pages straight from the store, as the bot reads them.
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const { docx, appendix } = await writeDraftFiles(draft, yearLedgerPages(client, YEAR, '2026-11-25'), []);
    wall.docx.push(performance.now() - a);
    cpu.docx.push(cpuMs(cpuA));
    loop.disable();
    stall.docx.push(loop.max / 1e6);
    if (appendix.rows !== CASES) throw new Error('the appendix does not list every case');
    if (figures.total !== CASES || posts.length === 0) throw new Error('the draft does not count every case');
    docBytes = docx.length;
    const x = performance.now();
    const cpuX = process.cpuUsage();
    const xlsxLoop = monitorEventLoopDelay({ resolution: 10 });
    xlsxLoop.enable();
    xlsxBytes = (await ledgerXlsx(YEAR, yearLedgerPages(client, YEAR, '2026-11-25'))).length;
    wall.xlsx.push(performance.now() - x);
    cpu.xlsx.push(cpuMs(cpuX));
    xlsxLoop.disable();
    stall.xlsx.push(xlsxLoop.max / 1e6);
  }
  await closeDatabase(client);
  const ms = (xs: number[]) => xs.map(Math.round).join(', ');
  console.log(`runs: ${RUNS}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  const base = median(wall.read);
  console.log(`baseline, reading the ledger's ${CASES.toLocaleString('en')} rows alone: median ${Math.round(base)} ms [${ms(wall.read)}]; CPU median ${Math.round(median(cpu.read))} ms [${ms(cpu.read)}]`);
  for (const [key, label] of [['text', 'text  (query + figures + render + posts)'], ['docx', '.docx (text + ledger query + .docx)      '], ['xlsx', '.xlsx (ledger query + .xlsx)             ']] as const) {
    const m = median(wall[key]);
    console.log(
      `time to ${label}: median ${Math.round(m)} ms [${ms(wall[key])}], ${(m / base).toFixed(1)}x the baseline, ${(m / GOAL[key]).toFixed(2)}x the goal of ${GOAL[key]} ms (${m < GOAL[key] ? 'met' : 'MISSED'}); ` +
        `CPU median ${Math.round(median(cpu[key]))} ms [${ms(cpu[key])}]`,
    );
  }
  console.log(`longest event-loop block while writing: .docx median ${Math.round(median(stall.docx))} ms [${ms(stall.docx)}], .xlsx median ${Math.round(median(stall.xlsx))} ms [${ms(stall.xlsx)}]`);
  console.log(`.docx ${Math.round(docBytes / 1e3)} kB, .xlsx ${Math.round(xlsxBytes / 1e3)} kB; this process's peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);

  const ratios: number[] = [];
  for (let run = 0; run < BOT_RUNS; run++) {
    const r = await botPeakRssDuringSummary(path, YEAR);
    ratios.push(r.peakMb / r.idleMb);
    console.log(
      `bot during /总结 ${YEAR} 台账 over ${CASES.toLocaleString('en')} cases: idle ${Math.round(r.idleMb)} MB, peak ${Math.round(r.peakMb)} MB, ` +
        `${(r.peakMb / r.idleMb).toFixed(2)}x idle; both files sent in ${r.seconds.toFixed(1)} s (.docx ${Math.round(r.docxBytes / 1e3)} kB, .xlsx ${Math.round(r.xlsxBytes / 1e3)} kB)`,
    );
  }
  const ratio = median(ratios);
  console.log(`bot peak/idle RSS: median ${ratio.toFixed(2)}x [${ratios.map((x) => x.toFixed(2)).join(', ')}], ${(ratio / GOAL.rss).toFixed(2)}x the goal of ${GOAL.rss}x (${ratio <= GOAL.rss ? 'met' : 'MISSED'})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
