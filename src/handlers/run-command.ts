import { AppError } from '../errors.js';
import type { CommandHandler, HandlerContext } from './types.js';

/**
 * Runs a command as if it had been typed, for a menu click or a card button: the same
 * handler, so a button and its command never drift apart. `messageId` is the message the
 * answer may refer to (the clicked card; none for the bot menu).
 */
export async function runCommand(commands: CommandHandler[], id: string, ctx: HandlerContext, o: { messageId: string; args?: string }): Promise<void> {
  const command = commands.find((c) => c.id === id);
  if (!command) throw new AppError('not_found', '该功能已调整，请发送 /帮助 查看可用指令');
  ctx.log.info({ command: command.id, via: o.messageId ? 'card' : 'menu' }, 'command');
  await command.run({ ...ctx, messageId: o.messageId, command: command.names[0]!, args: o.args ?? '' });
}
