// npx tsx scripts/screenshot-local.ts [out.png]: starts local mode on a temporary database
// (with this year's demo data), talks to it in Chromium and saves the README pictures:
// out.png (default docs/local-chat.png: /帮助, then /上报 filled and submitted) and beside it
// local-menu.png (the direct chat with the greeting and the bot menu), local-help-card.png
// and local-weekly-chart.png (the weekly card with its chart, from the menu's 本周进展).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import dayjs from 'dayjs';
import pino from 'pino';
import { chromium, type Page } from 'playwright-core';
import { createBot } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { findCommand } from '../src/bot/registry.js';
import { registry } from '../src/handlers/registry.js';
import { fillDemoYear } from '../src/local/demo-store.js';
import { createLocalMode } from '../src/local/local-mode.js';

const out = process.argv[2] ?? 'docs/local-chat.png';
const beside = (name: string) => join(dirname(out), name);
const dir = mkdtempSync(join(tmpdir(), 'fazhi-shot-'));
const log = pino({ level: 'warn' });
const local = createLocalMode({ log });
const config = local.configure(loadConfig({ DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'warn' }));
const bot = await createBot({ config, log, api: local.api, extendHttp: local.mount, pollMs: 50 });
await fillDemoYear(bot.db, { year: dayjs().year(), today: dayjs().format('YYYY-MM-DD') });
bot.start();
const server = bot.http.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--lang=zh-CN'] });

async function openChat(as: string, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 860, height }, deviceScaleFactor: 1, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  await page.goto(`${url}/#as=${as}&chat=oc_local_p2p_${as.replace('ou_local_', '')}`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
}

try {
  // 1. The chat: /帮助, then /上报 filled and submitted.
  const page = await openChat('ou_local_staff_zhang', 1640);
  await page.locator('.msg.from-bot .card', { hasText: '您好，我是法治助手' }).waitFor();
  await say(page, '/帮助');
  const help = page.locator('.msg.from-bot .card', { hasText: '法治助手 · 使用帮助' }).last();
  await help.waitFor();
  if (findCommand(registry, '上报')) {
    await say(page, '/上报 好得科技有限公司申请兑现上年度企业所得税扶持政策，材料已齐');
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

  // 2. The help card as the admin sees it (with 年度总结 and its year picker).
  const admin = await openChat('ou_local_admin_chen', 1400);
  await admin.locator('#bot-menu .menu-item', { hasText: '帮助' }).click();
  const adminHelp = admin.locator('.msg.from-bot .card', { hasText: '法治助手 · 使用帮助' }).last();
  await adminHelp.waitFor();
  await adminHelp.screenshot({ path: beside('local-help-card.png') });

  // 3. The direct chat of a first visit: greeting and the bot menu under the input.
  const menu = await openChat('ou_local_staff_li', 560);
  await menu.locator('.msg.from-bot .card', { hasText: '您好，我是法治助手' }).waitFor();
  await menu.waitForTimeout(300);
  await menu.screenshot({ path: beside('local-menu.png') });

  // 4. 本周进展 from the menu: the weekly card with its chart.
  await menu.setViewportSize({ width: 860, height: 1400 });
  await menu.locator('#bot-menu .menu-item', { hasText: '本周进展' }).click();
  const weekly = menu.locator('.msg.from-bot .card', { hasText: '每周工作进展' }).last();
  await weekly.locator('.chart svg').waitFor();
  await weekly.screenshot({ path: beside('local-weekly-chart.png') });
  process.stdout.write(`saved ${out}, ${beside('local-menu.png')}, ${beside('local-help-card.png')}, ${beside('local-weekly-chart.png')}\n`);
} finally {
  await browser.close();
  server.close();
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });
}
