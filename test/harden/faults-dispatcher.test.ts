import { afterEach, describe, expect, it } from 'vitest';
import { registry } from '../../src/handlers/registry.js';
import type { CommandHandler } from '../../src/bot/context.js';
import { messageEvent } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';

let t: TestBot | undefined;
afterEach(async () => {
  await t?.destroy().catch(() => undefined);
  t = undefined;
});

const command = (id: string, run: CommandHandler['run']): CommandHandler => ({ id, names: [id], usage: `/${id}`, summary: id, run });

describe('faults: the inbox worker', () => {
  it('survives a handler failure whose failure cannot be recorded either (database gone)', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      let ran = false;
      const breaks = command('breaks', async (ctx) => {
        ran = true;
        await ctx.db.connection!.run((raw) => raw.close()); // the inbox cannot write: as with a full disk
        throw new Error('handler failed');
      });
      t = await startTestBot({ botOptions: { registry: { ...registry, commands: [...registry.commands, breaks] } } });
      await t.post(messageEvent({ text: '/breaks', from: STAFF }));
      await waitFor(() => ran, 5000, 'the handler');
      await new Promise((r) => setTimeout(r, 300));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('one slow handler holds up only its own chat', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = command('slow', async (ctx) => {
      await gate;
      await ctx.reply({ type: 'text', text: 'slow done' });
    });
    t = await startTestBot({ botOptions: { registry: { ...registry, commands: [...registry.commands, slow] } } });
    await t.post(messageEvent({ text: '/slow', from: STAFF, chatType: 'group', chatId: 'oc_slow000000000000000000000000a' }));
    await new Promise((r) => setTimeout(r, 100));
    await t.post(messageEvent({ text: '/帮助', from: STAFF, chatType: 'group', chatId: 'oc_fast000000000000000000000000b' }));
    await waitFor(() => t!.fake.messages.length === 1, 3000, 'the other chat’s answer while the slow one runs').finally(release);
    await waitFor(() => t!.fake.messages.length === 2, 3000, 'the slow answer');
    expect(JSON.stringify(t.fake.messages[1]!.content)).toContain('slow done');
  });
});
