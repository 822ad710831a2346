// npx tsx scripts/screenshot-local.ts [out.png]: starts local mode on a temporary database,
// talks to it in Chromium (/帮助, then /上报 filled and submitted when that command exists)
// and saves a screenshot of the chat for the README (default docs/local-chat.png).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dayjs from 'dayjs';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { createBot } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { findCommand } from '../src/bot/registry.js';
import { registry } from '../src/handlers/registry.js';
import { createLocalMode } from '../src/local/local-mode.js';

const out = process.argv[2] ?? 'docs/local-chat.png';
const dir = mkdtempSync(join(tmpdir(), 'fazhi-shot-'));
const log = pino({ level: 'warn' });
const local = createLocalMode({ log });
const config = local.configure(loadConfig({ DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'warn' }));
const bot = await createBot({ config, log, api: local.api, extendHttp: local.mount, pollMs: 50 });
bot.start();
const server = bot.http.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--lang=zh-CN'] });
try {
  const page = await browser.newPage({ viewport: { width: 860, height: 1640 }, deviceScaleFactor: 1, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  await page.goto(`${url}/#as=ou_local_staff_zhang&chat=oc_local_p2p_staff_zhang`);
  await page.waitForSelector('body[data-ready="true"]');
  const say = async (text: string) => {
    await page.fill('#input', text);
    await page.press('#input', 'Enter');
  };
  await say('/帮助');
  await page.locator('.msg.from-bot').first().waitFor();
  if (findCommand(registry, '上报')) {
    await say('/上报 好得科技有限公司申请兑现上年度企业所得税扶持政策，材料已齐');
    const card = page.locator('.msg.from-bot .card:has(form.card-form)').last();
    await card.waitFor();
    const fill = async (sel: string, v: string) => {
      const el = card.locator(sel);
      if ((await el.count()) && !(await el.inputValue())) await el.fill(v);
    };
    await fill('[name="enterprise"]', '好得科技有限公司');
    await fill('[name="content"]', '申请兑现上年度企业所得税扶持政策，材料已齐');
    await fill('input[name="received_date"]', dayjs().subtract(1, 'day').format('YYYY-MM-DD'));
    await fill('[name="department"]', '政策兑现科');
    if (!(await card.locator('select[name="category"]').inputValue())) await card.locator('select[name="category"]').selectOption('tax_policy');
    await card.locator('button', { hasText: '提交' }).click();
    await page.locator('#messages').filter({ hasText: /QY\d{4}-\d{4}/ }).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
  }
  await page.screenshot({ path: out });
  process.stdout.write(`saved ${out}\n`);
} finally {
  await browser.close();
  server.close();
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });
}
