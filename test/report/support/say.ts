import { messageEvent } from '../../support/lark-payloads.js';
import { STAFF, waitFor, type TestBot } from '../../support/test-bot.js';
import { sentTexts } from './draft-output.js';

/** Sends `text` through the webhook as `from` (staff by default) and returns the bot's first answer to it. */
export async function say(t: TestBot, text: string, from = STAFF): Promise<string> {
  const before = t.fake.messages.length;
  await t.post(messageEvent({ text, from }));
  return waitFor(() => sentTexts(t.fake)[before], 5000, `the answer to ${text}`);
}
