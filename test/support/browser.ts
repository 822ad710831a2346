import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** Chromium from Debian, as .ci/run installs it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * The newest bot message's card whose title is `title` (a string: exactly that title), once it
 * is on the page. By title, not by any text in it: an earlier card (the /帮助 card lists every
 * command with its summary) may hold the same words, and the page shows it before the reply
 * arrives, so a wait on text alone can return at once and the reads after it see the wrong card.
 */
export async function newestCard(page: Page, title: string | RegExp, o: { withForm?: boolean; timeout?: number } = {}): Promise<Locator> {
  const name = typeof title === 'string' ? new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : title;
  const card = page
    .locator(o.withForm ? '.msg.from-bot .card:has(form.card-form)' : '.msg.from-bot .card')
    .filter({ has: page.locator('.card-title', { hasText: name }) })
    .last();
  await card.waitFor({ timeout: o.timeout ?? 10_000 });
  return card;
}
