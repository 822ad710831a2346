import dayjs from 'dayjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { p2pChatId } from '../../src/local/demo-people.js';
import { fillDemoYear } from '../../src/local/demo-store.js';
import { LOCAL_BOT } from '../../src/local/demo-people.js';
import { haveChromium, launchChromium, newestCard } from '../support/browser.js';
import { startLocalBot, type LocalBot } from '../support/local-bot.js';

const STAFF = 'ou_local_staff_zhang';
const GROUP = 'oc_local_group_service';
/** A 2×2 red PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGP4z8DAwMDAxMDAAAAdBAIAhEwYcQAAAABJRU5ErkJggg==', 'base64');

let browser: Browser;
let t: LocalBot;

beforeAll(async () => {
  if (!haveChromium) return;
  browser = await launchChromium();
  t = await startLocalBot();
  // Cases in the last weeks, so the weekly chart has bars.
  await fillDemoYear(t.bot.db, { year: dayjs().year(), today: dayjs().format('YYYY-MM-DD') });
});

afterAll(async () => {
  await browser?.close();
  await t?.destroy();
});

/**
 * Waits until every event of `type` the bot got so far, `count` of them, is handled and what it
 * sent is out: only then can a count of messages say that something did not happen twice.
 */
async function settled(type: string, count: number): Promise<void> {
  await expect.poll(() => t.bot.db.inboxEvent.count({ where: { type, status: 'done' } }), { timeout: 10_000 }).toBe(count);
  await expect.poll(() => t.bot.db.outboxMessage.count({ where: { status: { not: 'sent' } } }), { timeout: 10_000 }).toBe(0);
}

/** The cards the bot sent to a chat that hold `text` (in the local Open API, whatever the page shows yet). */
const cardsSent = (chatId: string, text: string) => t.api.messages.filter((m) => m.chatId === chatId && m.msgType === 'interactive' && m.content.includes(text)).length;

async function open(o: { as?: string; chat?: string } = {}): Promise<Page> {
  const ctx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN', viewport: { width: 1000, height: 900 } });
  const page = await ctx.newPage();
  const as = o.as ?? STAFF;
  await page.goto(`${t.url}/#as=${as}&chat=${o.chat ?? p2pChatId(as)}`);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

describe.skipIf(!haveChromium)('local mode plays the bot menu, the welcome and the greeting', () => {
  it('greets a person on the first visit of the direct chat, not on the next', async () => {
    const page = await open();
    await page.locator('.msg.from-bot .card', { hasText: '您好，我是法治助手' }).waitFor({ timeout: 10_000 });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    // Both visits reported and handled, their messages out: the second brought no greeting.
    await settled('im.chat.access_event.bot_p2p_chat_entered_v1', 2);
    expect(cardsSent(p2pChatId(STAFF), '您好，我是法治助手')).toBe(1);
    expect(await page.locator('.msg.from-bot .card', { hasText: '您好，我是法治助手' }).count()).toBe(1);
    await page.context().close();
  });

  it('shows the bot menu under the direct chat’s input only; 本周进展 brings the weekly card with its chart drawn as stacked bars', async () => {
    const page = await open();
    const menu = page.locator('#bot-menu');
    expect(await menu.locator('.menu-item').allTextContents()).toEqual(['上报诉求', '我的诉求', '本周进展', '学法统计', '年度总结', '帮助']);
    await menu.locator('.menu-item', { hasText: '本周进展' }).click();
    const card = await newestCard(page, /^每周工作进展（/);
    const chart = card.locator('.chart svg');
    // One bar per week: each week's categories stacked on one x position, with a legend.
    const weeks = await chart.locator('text.x-label').allTextContents();
    expect(weeks).toHaveLength(8);
    const xs = await chart.locator('rect[data-x]').evaluateAll((rs) => rs.map((r) => ({ x: r.getAttribute('data-x'), left: r.getAttribute('x') })));
    expect(xs.length).toBeGreaterThan(8);
    for (const w of new Set(xs.map((r) => r.x))) expect(new Set(xs.filter((r) => r.x === w).map((r) => r.left)).size).toBe(1);
    const legend = await chart.locator('text.legend').allTextContents();
    expect(legend.length).toBeGreaterThan(1);
    expect(legend).toContain('用人需求');
    // No PNG attachment follows any more: what Lark shows is the card.
    expect(await page.locator('.msg.from-bot a.file').count()).toBe(0);

    await page.selectOption('#chat', GROUP);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await menu.isHidden()).toBe(true);
    await page.context().close();
  });

  it('the help card’s 我的诉求 button answers like /我的', async () => {
    const page = await open({ as: 'ou_local_staff_li' });
    await page.locator('#bot-menu .menu-item', { hasText: '帮助' }).click();
    const help = await newestCard(page, '法治助手 · 使用帮助');
    expect(await help.textContent()).not.toContain('/设置周报群');
    await help.locator('button', { hasText: '我的诉求' }).click();
    await page.locator('.msg.from-bot', { hasText: /您目前没有未办结的诉求|我的未办结诉求/ }).last().waitFor({ timeout: 10_000 });
    await page.context().close();
  });

  it('「添加机器人到群」 posts the welcome card once per group', async () => {
    const page = await open({ chat: GROUP });
    await page.click('#add-bot');
    await page.locator('.msg.from-bot .card', { hasText: '法治助手已加入本群' }).waitFor({ timeout: 10_000 });
    await page.click('#add-bot');
    await page.locator('#toast', { hasText: '已将法治助手添加到本群' }).waitFor();
    // Both additions handled, their messages out: the second brought no welcome.
    await settled('im.chat.member.bot.added_v1', 2);
    expect(cardsSent(GROUP, '法治助手已加入本群')).toBe(1);
    expect(await page.locator('.msg.from-bot .card', { hasText: '法治助手已加入本群' }).count()).toBe(1);
    await page.context().close();
  });

  it('shows an image message inline as a picture', async () => {
    t.api.files.set('img_local_test', { fileName: 'chart.png', fileType: 'stream', data: PNG });
    t.api.post({ chatId: p2pChatId('ou_local_staff_wang'), senderId: LOCAL_BOT.openId, msgType: 'image', content: JSON.stringify({ image_key: 'img_local_test' }) });
    const page = await open({ as: 'ou_local_staff_wang' });
    const img = page.locator('.msg.from-bot img.picture');
    await img.waitFor();
    // The element is there before its picture has loaded: wait for the picture itself.
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(2);
    await page.context().close();
  });
});
