/**
 * The store at district scale: 1,000,000 cases over ten years, generated straight into a fresh
 * SQLite file (scale-seed.ts), and the same on 10,000 cases in the same run. Times what people
 * wait for — the weekly card (/周报), /我的 for the busiest person, /诉求 <编号>, /总结 text for
 * one year — and the daily reminder planning (a job), each as the median of several runs, and
 * prints each against its 10,000-case figure: the ratio shows how cost grows with the data.
 * Goals: every chat answer < 200 ms, /总结 text < 2 s at 1M.
 *
 * With BENCH_DATABASE_URL (a PostgreSQL role that may CREATE DATABASE) the same data is then
 * moved into a new PostgreSQL database with db:copy's code (which analyses it, as after a real
 * move) and timed there too, against the same 10,000-case baseline on PostgreSQL.
 *
 *   npm run bench:scale -- [cases=1000000] [baseline=10000] [runs=5] [maxSeconds=900]
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:scale
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { planReminders } from '../src/domain/reminders/plan-reminders.js';
import { composeWeeklyProgress } from '../src/handlers/progress/weekly-progress-post.js';
import { caseCard } from '../src/presentation/cards/case-card.js';
import { myCasesCard } from '../src/presentation/cards/my-cases-card.js';
import { draftPosts } from '../src/presentation/report/draft-messages.js';
import { renderDraft } from '../src/presentation/report/render-draft.js';
import { loadDraftTemplate } from '../src/presentation/report/template.js';
import { PICKER_PEOPLE } from '../src/handlers/case-card-for.js';
import { findCaseByCode, listOpenCasesFor } from '../src/store/cases/find-cases.js';
import { knownPeople } from '../src/store/known-people.js';
import { closeDatabase, openDatabase, type Db } from '../src/store/database.js';
import { loadYearFigures } from '../src/store/report/load-year-figures.js';
import { escalationNotes, listOpenCases, mutedAmong } from '../src/store/reminders.js';
import { copySqliteToPostgres } from '../src/store/pg/copy-to-postgres.js';
import { BUSY, seedScale } from './scale-seed.js';
import { benchPgDatabase } from './bench-pg-database.js';

const CASES = Number(process.argv[2] ?? 1_000_000);
const BASELINE = Number(process.argv[3] ?? 10_000);
const RUNS = Number(process.argv[4] ?? 5);
const MAX_SECONDS = Number(process.argv[5] ?? 900);
const PG_URL = process.env.BENCH_DATABASE_URL;
const TODAY = '2026-11-27';
const NOW = new Date('2026-11-27T02:30:00Z');
const YEAR = 2025;
const started = performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Step {
  name: string;
  /** A chat answer (goal < 200 ms) or not (the reminder job, /总结 with its own goal). */
  goalMs: number;
  run(db: Db): Promise<unknown>;
}

function steps(code: string): Step[] {
  const config = loadConfig({ DATABASE_URL: 'file:unused.db', LOG_LEVEL: 'silent', BOT_REPORT_CHAT_ID: 'oc_scale' });
  const directory = { userName: async (id: string) => id, chatMembers: async () => [] };
  const template = loadDraftTemplate();
  return [
    { name: 'weekly card (/周报)', goalMs: 200, run: (db) => composeWeeklyProgress({ db, config, directory }, { at: NOW, now: NOW }) },
    {
      name: 'daily reminder planning (job)',
      goalMs: 2000,
      async run(db) {
        const cases = await listOpenCases(db);
        const owners = [...new Set(cases.map((c) => c.ownerId))];
        return planReminders({ today: TODAY, cases, muted: await mutedAmong(db, owners), escalationNotes: await escalationNotes(db, cases.map((c) => c.id)) });
      },
    },
    { name: '/我的 (busiest person)', goalMs: 200, run: async (db) => myCasesCard(await listOpenCasesFor(db, BUSY), TODAY) },
    { name: `/诉求 ${code}`, goalMs: 200, run: async (db) => caseCard((await findCaseByCode(db, code))!, { today: TODAY, tz: 'Asia/Shanghai', people: await knownPeople(db, PICKER_PEOPLE) }) },
    { name: `/总结 ${YEAR} text`, goalMs: 2000, run: async (db) => draftPosts(renderDraft(await loadYearFigures(db, YEAR, TODAY), template, '投资促进局')) },
  ];
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall time is what people wait; CPU time is what the work costs on a shared, loaded machine. */
async function measure(n: number, kind: 'sqlite' | 'postgres'): Promise<{ ms: Map<string, number>; cpu: Map<string, number>; names: string[]; seedMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-scale-'));
  const pgDb = kind === 'postgres' ? await benchPgDatabase(PG_URL!, 'scale') : undefined;
  try {
    const path = join(dir, 'scale.db');
    await closeDatabase((await openDatabase(path)).db);
    const t0 = performance.now();
    seedScale(path, n, TODAY);
    if (pgDb) await copySqliteToPostgres(path, pgDb.url);
    const seedMs = performance.now() - t0;
    // Opened as the bot opens it (migrations, start-up pragmas), after the data is in.
    const { db } = await openDatabase(pgDb?.url ?? path);
    const list = steps('QY2025-0007');
    const ms = new Map<string, number>();
    const cpu = new Map<string, number>();
    try {
      for (const s of list) {
        await s.run(db); // first use: statement caches, lazy modules
        const times: number[] = [];
        const cpus: number[] = [];
        for (let r = 0; r < RUNS && (performance.now() - started) / 1000 < MAX_SECONDS; r++) {
          const a = performance.now();
          const c = cpuMs();
          await s.run(db);
          times.push(performance.now() - a);
          cpus.push(cpuMs() - c);
        }
        ms.set(s.name, median(times));
        cpu.set(s.name, median(cpus));
      }
    } finally {
      await closeDatabase(db);
    }
    return { ms, cpu, names: list.map((s) => s.name), seedMs };
  } finally {
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`bench-scale: ${CASES.toLocaleString('en')} cases against ${BASELINE.toLocaleString('en')}, ${RUNS} runs each, node ${process.version}, load ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
const goals = new Map(steps('').map((s) => [s.name.replace(/ QY.*/, ''), s.goalMs]));
let missed = 0;
// The database kinds in turn: SQLite always, PostgreSQL when a server is named.
for (const kind of PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
  const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL (seeded, then moved with db:copy)';
  const base = await measure(BASELINE, kind);
  console.log(`${label}: seeded ${BASELINE.toLocaleString('en')} cases in ${Math.round(base.seedMs)} ms`);
  const big = await measure(CASES, kind);
  console.log(`${label}: seeded ${CASES.toLocaleString('en')} cases in ${Math.round(big.seedMs / 1000)} s`);
  for (const name of big.names) {
    const a = base.ms.get(name)!;
    const b = big.ms.get(name)!;
    const goal = goals.get(name.replace(/ QY.*/, '')) ?? 200;
    if (b >= goal) missed++;
    console.log(
      `${kind.padEnd(8)} ${name.padEnd(30)} ${BASELINE.toLocaleString('en')}: ${a.toFixed(1).padStart(7)} ms   ${CASES.toLocaleString('en')}: ${b.toFixed(1).padStart(8)} ms   ratio ${(b / a).toFixed(1).padStart(6)}x   ` +
        `goal < ${goal} ms: ${b < goal ? 'met' : 'MISSED'}   (CPU ${base.cpu.get(name)!.toFixed(1)} → ${big.cpu.get(name)!.toFixed(1)} ms)`,
    );
  }
}
console.log(`total ${Math.round((performance.now() - started) / 1000)} s; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
if (missed) process.exitCode = 1;
