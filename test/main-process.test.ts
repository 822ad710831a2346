import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenApi } from './support/fake-open-api.js';
import { ENCRYPT_KEY, messageEvent, signedRequest, TOKEN } from './support/lark-payloads.js';
import { waitFor } from './support/test-bot.js';

const fake = new FakeOpenApi();
const dir = mkdtempSync(join(tmpdir(), 'fazhi-main-'));
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('starts from the environment, migrates, answers /healthz and /帮助, and drains on SIGTERM', async () => {
    const dbPath = join(dir, 'main.db');
    // PORT=0: the system picks a free port and the start-up line names it (a random fixed port
    // can be taken by another test's connection).
    const { child, exited, output } = startServer({ PORT: '0', DATABASE_URL: `file:${dbPath}` });
    try {
      // Start-up (tsx compiling, migrating) is a liveness bound here, generous for a loaded machine.
      const base = await waitFor(() => {
        if (child.exitCode !== null) throw new Error(`the server exited at start:\n${output().slice(-2000)}`);
        return /"url":"http:\/\/localhost:(\d+)"/.exec(output())?.[1];
      }, 60_000, 'the start-up line')
        .catch((e: Error) => Promise.reject(new Error(`${e.message}; the server said:\n${output().slice(-2000)}`)))
        .then((port) => `http://127.0.0.1:${port}`);
      expect((await fetch(base + '/healthz')).status).toBe(200);
      expect(await (await fetch(base + '/healthz')).json()).toMatchObject({ status: 'ok' });
      const req = signedRequest(messageEvent({ text: '/帮助' }));
      expect((await fetch(base + '/webhook/event', { method: 'POST', headers: req.headers, body: req.body })).status).toBe(200);
      await waitFor(() => fake.messages.length === 1, 10_000, 'the reply');
      // A send Lark holds open at SIGTERM is handed back within the drain, not left to the forced exit.
      fake.fail('/open-apis/im/v1/messages', { hang: true }, 1);
      const held = signedRequest(messageEvent({ text: '/帮助' }));
      expect((await fetch(base + '/webhook/event', { method: 'POST', headers: held.headers, body: held.body })).status).toBe(200);
      await waitFor(() => fake.sendRequests.length === 2, 10_000, 'the held send');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output()).toContain('stopped');
      fake.dropConnections();
      expect(output()).not.toContain('main-secret');
      const db = new Database(dbPath, { readonly: true });
      expect(db.prepare(`SELECT count(*) AS n FROM inbox WHERE status != 'done'`).get()).toEqual({ n: 0 });
      expect(db.prepare(`SELECT status, attempts FROM outbox ORDER BY id`).all()).toEqual([{ status: 'sent', attempts: 1 }, { status: 'pending', attempts: 1 }]);
      expect(db.prepare(`SELECT count(*) AS n FROM _prisma_migrations`).get()).toMatchObject({ n: expect.any(Number) });
      db.close();
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);

  it('says so in one line and exits 1 when its port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const { exited, output } = startServer({ PORT: String(port), DATABASE_URL: `file:${join(dir, 'taken.db')}` });
      expect(await exited).toBe(1);
      expect(output()).toContain(`端口 ${port} 已被占用`);
      expect(output()).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  }, 60_000);
});

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', LARK_APP_ID: 'cli_main', LARK_APP_SECRET: 'main-secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}
