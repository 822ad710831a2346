/**
 * Peak RSS of the running bot while it answers `/总结 <年> 台账` (draft posts, .docx with the
 * appendix, .xlsx ledger, both uploaded), against the same process idle just before: the real
 * bot (compiled, dist/scripts/bench-server.js, started as bench-child.ts starts it) on a seeded database file,
 * the request signed and encrypted like Lark's, the files received by the fake Open API.
 */
import { request } from 'node:http';
import { startServer, stopServer } from './bench-child.js';
import { FakeOpenApi } from '../test/support/fake-open-api.js';
import { ENCRYPT_KEY, messageEvent, signedRequest, TOKEN } from '../test/support/lark-payloads.js';

const ADMIN = 'ou_bench_admin000000000000000001';

function call(port: number, method: string, path: string, body?: { body: string; headers: Record<string, string> }): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: body?.headers }, (res) => {
      let s = '';
      res.on('data', (d) => (s += d));
      res.on('end', () => resolve(s ? JSON.parse(s) : undefined));
    });
    req.on('error', reject);
    req.end(body?.body);
  });
}

export interface DraftRss {
  idleMb: number;
  peakMb: number;
  seconds: number;
  docxBytes: number;
  xlsxBytes: number;
}

export async function botPeakRssDuringSummary(dbPath: string, year: number, o: { nodeFlags?: string[]; timeoutMs?: number } = {}): Promise<DraftRss> {
  const fake = new FakeOpenApi();
  await fake.start();
  const env = { DATABASE_URL: `file:${dbPath}`, LARK_APP_ID: 'cli_bench', LARK_APP_SECRET: 'bench-secret', LARK_VERIFICATION_TOKEN: TOKEN, LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_DOMAIN: fake.url, BOT_ADMINS: ADMIN };
  const server = await startServer('bot', env, o.nodeFlags);
  const { port } = server;
  try {
    // Settled and idle: then the peak counter starts afresh (start-up peaks are not the draft's).
    await new Promise((r) => setTimeout(r, 1500));
    const idle = await call(port, 'POST', '/rss/reset');
    const t0 = performance.now();
    await call(port, 'POST', '/webhook/event', signedRequest(messageEvent({ text: `/总结 ${year} 台账`, from: ADMIN })));
    const deadline = Date.now() + (o.timeoutMs ?? 300_000);
    while (fake.files.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (fake.files.length < 2) throw new Error(`the draft files did not arrive (${fake.files.length} of 2)`);
    const seconds = (performance.now() - t0) / 1000;
    const after = await call(port, 'GET', '/rss');
    return { idleMb: idle.rss / 2 ** 20, peakMb: after.peakRss / 2 ** 20, seconds, docxBytes: fake.files[0]!.raw.length, xlsxBytes: fake.files[1]!.raw.length };
  } finally {
    await stopServer(server);
    await fake.stop();
  }
}
