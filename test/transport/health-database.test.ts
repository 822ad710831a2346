import { afterEach, expect, it } from 'vitest';
import { startTestBot, TEST_DB_KIND, type TestBot } from '../support/test-bot.js';

let t: TestBot | undefined;
afterEach(async () => t?.destroy());

it('/healthz names the database kind and whether it answers', async () => {
  t = await startTestBot();
  const res = await fetch(`${t.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', database: { kind: TEST_DB_KIND, ok: true } });
});
