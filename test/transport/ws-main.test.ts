import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeLarkWs } from '../support/fake-lark-ws.js';
import { FakeOpenApi } from '../support/fake-open-api.js';
import { messageEvent, TOKEN } from '../support/lark-payloads.js';
import { waitFor } from '../support/test-bot.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('npm start with LARK_CONNECTION=ws', () => {
  it('opens the long connection, answers /帮助 over it, reports it on /healthz and closes it on SIGTERM', async () => {
    const fake = new FakeOpenApi();
    await fake.start();
    const lws = new FakeLarkWs(fake);
    await lws.start();
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-ws-main-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => fake.stop(), () => lws.stop());

    const port = await freePort();
    const lines: any[] = [];
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `file:${join(dir, 'bot.db')}`,
        LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
        LARK_APP_SECRET: 'ws-main-secret',
        LARK_VERIFICATION_TOKEN: TOKEN,
        LARK_DOMAIN: fake.url,
        LARK_CONNECTION: 'ws',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => void (child.exitCode === null && child.kill('SIGKILL')));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const parts = out.split('\n');
      out = parts.pop()!;
      for (const p of parts) if (p.trim()) lines.push(JSON.parse(p));
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // Start-up is a liveness bound here, generous for a loaded machine.
    await waitFor(() => lws.live, 45_000, 'the bot to connect');
    const health: any = await waitFor(async () => {
      const h: any = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json(), () => undefined);
      return h?.connection?.state === 'connected' ? h : undefined;
    }, 15_000, '/healthz to say connected');
    expect(health.status).toBe('ok');

    expect((await lws.push(messageEvent({ text: '/帮助' }))).code).toBe(200);
    const reply = await waitFor(() => fake.messages[0], 5000, 'a reply');
    expect(JSON.stringify(reply.content)).toContain('/帮助');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.map((l) => l.msg)).toContain('long connection connected');
    expect(lines.map((l) => l.msg)).toContain('long connection stopped');
    expect(JSON.stringify(lines)).not.toContain('ws-main-secret');
  }, 90_000);
});
