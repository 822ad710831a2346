// npx tsx scripts/screenshot-cloud.ts [docs]: starts local mode on a temporary database with
// last year's demo data, asks for /总结 and /同步台账 as the demo admin, and saves the README
// pictures of the local cloud-document page (local-cloud-document.png) and the Base table page
// (local-base-table.png) into the folder given (default docs).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dayjs from 'dayjs';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { createBot } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { fillDemoYear } from '../src/local/demo-store.js';
import { createLocalMode } from '../src/local/local-mode.js';

const outDir = process.argv[2] ?? 'docs';
const year = dayjs().year() - 1;
const dir = mkdtempSync(join(tmpdir(), 'fazhi-cloud-shot-'));
const log = pino({ level: 'warn' });
const local = createLocalMode({ log });
const config = local.configure(loadConfig({ DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'warn' }));
const bot = await createBot({ config, log, api: local.api, extendHttp: local.mount, pollMs: 50 });
await fillDemoYear(bot.db, { year, today: `${year}-12-20` });
bot.start();
const server = bot.http.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=zh-CN'] });

try {
  const ctx = await browser.newContext({ viewport: { width: 900, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${url}/#as=ou_local_admin_chen&chat=oc_local_p2p_admin_chen`);
  await page.waitForSelector('body[data-ready="true"]');
  for (const text of [`/总结 ${year}`, `/同步台账 ${year}`]) {
    await page.fill('#input', text);
    await page.press('#input', 'Enter');
  }
  const card = page.locator('.msg.from-bot .card', { hasText: '年度总结云文档已生成' }).last();
  await card.waitFor({ timeout: 60_000 });
  await page.locator('.msg.from-bot', { hasText: '台账已与多维表格' }).waitFor({ timeout: 60_000 });
  const [doc] = await Promise.all([ctx.waitForEvent('page'), card.locator('button', { hasText: '在飞书中打开' }).click()]);
  await doc.setViewportSize({ width: 1240, height: 1500 });
  await doc.waitForSelector('#doc h2');
  await doc.screenshot({ path: join(outDir, 'local-cloud-document.png') });
  const base = await ctx.newPage();
  await base.setViewportSize({ width: 1400, height: 760 });
  await base.goto(`${url}/local/base`);
  await base.screenshot({ path: join(outDir, 'local-base-table.png') });
  console.log(`wrote ${join(outDir, 'local-cloud-document.png')} and ${join(outDir, 'local-base-table.png')}`);
} finally {
  await browser.close();
  server.close();
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });
}
