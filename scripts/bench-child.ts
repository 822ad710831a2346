import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenApi } from '../test/support/fake-open-api.js';
import { ENCRYPT_KEY, TOKEN } from '../test/support/lark-payloads.js';
import { startNodeFlags } from './start-flags.js';

/**
 * The servers the webhook and steady benchmarks measure (scripts/bench-server.ts, compiled), as
 * child processes so load and server do not share a CPU thread, and their memory figures.
 * Every child runs with the flags `npm start` gives the bot (read from package.json: see
 * start-flags.ts); BENCH_NODE_FLAGS adds more, e.g. '--max-old-space-size=128' or a CPU
 * profile ('--cpu-prof --cpu-prof-dir=prof'). BENCH_BOT_LOG_LEVEL=info shows the bot's log on
 * stderr (silent by default: logging costs CPU the benchmarks would count).
 */
const NODE_FLAGS = [...startNodeFlags(), ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean)];

export type ServerMode = 'bot' | 'bare' | 'floor';

export interface BenchServer {
  port: number;
  child: ChildProcess;
}

/** Starts `bench-server.js <mode>` and resolves once it prints `READY <port>`. */
export async function startServer(mode: ServerMode, env: Record<string, string>, extraFlags: string[] = []): Promise<BenchServer> {
  const child = spawn(process.execPath, [...NODE_FLAGS, ...extraFlags, 'dist/scripts/bench-server.js', mode], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /READY (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { port, child };
}

/**
 * The bot on a fresh database file, with the fake Open API, and beside it the stack floor
 * (express, the Lark SDK, Prisma with one query, without the bot) on the same file: what the
 * memory benchmarks compare. `close` ends both children and the fake and removes the file.
 */
export async function startBotAndFloor(label: string): Promise<{ fake: FakeOpenApi; bot: BenchServer; floor: BenchServer; close(): Promise<void> }> {
  const fake = new FakeOpenApi();
  await fake.start();
  const dir = mkdtempSync(join(tmpdir(), `bench-${label}-`));
  const env = { DATABASE_URL: `file:${join(dir, 'bench.db')}`, LARK_APP_ID: 'cli_bench', LARK_APP_SECRET: 'bench-secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url };
  const bot = await startServer('bot', env);
  const floor = await startServer('floor', { DATABASE_URL: env.DATABASE_URL, LARK_DOMAIN: fake.url });
  return {
    fake,
    bot,
    floor,
    async close() {
      await Promise.all([bot, floor].map(stopServer));
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The bot exactly as `npm start` runs it: compiled `dist/src/main.js` with its flags, its own
 * defaults (polling, logging at LOG_LEVEL, info unless given), on 127.0.0.1 and a free port
 * (PORT=0), read from its start-up line. Build dist/ first (`node scripts/build.mjs`).
 */
export async function startMain(env: Record<string, string>): Promise<BenchServer> {
  const child = spawn(process.execPath, [...NODE_FLAGS, 'dist/src/main.js'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let head = '';
    let found = false;
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 60 s: ${head.slice(-500)}`)), 60_000);
    // Its log is read until the start-up line and then only drained (a full pipe would stall it).
    child.stdout!.on('data', (d: Buffer) => {
      if (found) return;
      head = (head + d.toString()).slice(-20_000);
      const m = /"url":"http:\/\/localhost:(\d+)"/.exec(head);
      if (m) {
        found = true;
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the bot exited with ${code}`)));
  });
  return { port, child };
}

/** RSS and peak RSS (VmHWM) of a child, from /proc. */
export function procMemory(pid: number): { rss: number; peakRss: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
}

/** Ends a child with SIGTERM and waits for it (a CPU profile is written on the way out). */
export async function stopServer(server: BenchServer): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
}

/** What `GET /rss` answers: process.memoryUsage() and the peak RSS. */
export interface Memory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  peakRss: number;
  /** MB committed per V8 heap space (new space, old space, large objects…). */
  spaces?: Record<string, number>;
}

export function getJson<T = unknown>(agent: Agent, port: number, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let s = '';
      res.on('data', (d) => (s += d));
      res.on('end', () => resolve(JSON.parse(s) as T));
    })
      .on('error', reject)
      .end();
  });
}

export const memoryOf = (agent: Agent, server: BenchServer): Promise<Memory> => getJson<Memory>(agent, server.port, '/rss');

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** V8 heap in use (and what each space holds), memory outside it that V8 knows of, and the rest (code, SQLite, malloc). */
export const breakdown = (m: Memory): string => {
  const s = m.spaces;
  const spaces = s ? ` (new space ${s.new_space} MB, old ${s.old_space} MB, large objects ${s.large_object_space} MB)` : '';
  return `V8 heap ${mib(m.heapUsed)} used of ${mib(m.heapTotal)}${spaces}, external ${mib(m.external)}, the rest (code, SQLite, malloc) ${mib(m.rss - m.heapTotal - m.external)}`;
};
