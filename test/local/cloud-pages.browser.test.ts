import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { p2pChatId } from '../../src/local/demo-people.js';
import { fillDemoYear } from '../../src/local/demo-store.js';
import { haveChromium, launchChromium } from '../support/browser.js';
import { startLocalBot, type LocalBot } from '../support/local-bot.js';

const ADMIN = 'ou_local_admin_chen';
const YEAR = dayjs().year() - 1;

let browser: Browser;
let t: LocalBot;

beforeAll(async () => {
  if (!haveChromium) return;
  browser = await launchChromium();
  t = await startLocalBot();
  await fillDemoYear(t.bot.db, { year: YEAR, today: `${YEAR}-12-20` });
});

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

async function chat(): Promise<Page> {
  const ctx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN', viewport: { width: 1000, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${t.url}/#as=${ADMIN}&chat=${p2pChatId(ADMIN)}`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
}

describe.skipIf(!haveChromium)('local mode plays the cloud document and the Base table', { timeout: 60_000 }, () => {
  it('opens the draft’s cloud document from 「在飞书中打开」: headings, highlighted claims, sources under their sentences, the appendix table, comments and sharing beside', async () => {
    const page = await chat();
    await say(page, `/总结 ${YEAR}`);
    const card = page.locator('.msg.from-bot .card', { hasText: '年度总结云文档已生成' }).last();
    await card.waitFor({ timeout: 30_000 });
    const [doc] = await Promise.all([page.context().waitForEvent('page'), card.locator('button', { hasText: '在飞书中打开' }).click()]);
    await doc.waitForSelector('#doc h2');
    expect(await doc.locator('#doc h2').allTextContents()).toEqual(expect.arrayContaining(['一、工作开展情况', '二、存在问题', '三、下步打算', `附件：${YEAR}年企业诉求台账`]));
    expect(await doc.locator('#doc .callout').count()).toBeGreaterThan(2);
    expect(await doc.locator('#doc .callout').first().textContent()).toMatch(/^来源：/);
    const counted = await t.bot.db.enterpriseCase.count({ where: { year: YEAR } });
    const codes = await doc.locator('#doc table td', { hasText: new RegExp(`^QY${YEAR}-\\d{4}$`) }).count();
    expect(codes).toBe(counted);
    expect(await doc.locator('#members').textContent()).toContain('陈静：可管理');
    expect(await doc.locator('#members').textContent()).toContain('赵建国：可阅读');
    expect(await doc.locator('#members').textContent()).toContain('链接分享：已关闭');
    await page.context().close();
  });

  it('shows the Base table 「企业诉求台账」 with one record per case after /同步台账', async () => {
    const page = await chat();
    await say(page, `/同步台账 ${YEAR}`);
    await page.locator('.msg.from-bot', { hasText: '台账已与多维表格' }).waitFor({ timeout: 30_000 });
    const base = await page.context().newPage();
    await base.goto(`${t.url}/local/base`);
    const headers = await base.locator('#ledger th').allTextContents();
    expect(headers.slice(0, 3)).toEqual(['编号', '企业名称', '诉求类别']);
    const counted = await t.bot.db.enterpriseCase.count({ where: { year: YEAR } });
    expect(await base.locator('#ledger tr').count()).toBe(counted + 1);
    expect(await base.locator('#ledger td', { hasText: '已办结' }).count()).toBe(await t.bot.db.enterpriseCase.count({ where: { year: YEAR, status: 'resolved' } }));
    await page.context().close();
  });
});
