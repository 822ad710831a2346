import type { HandlerContext } from '../bot/context.js';
import { AppError } from '../errors.js';

/**
 * Runs a command of the registry as if it had been typed, for a menu tap or a card button:
 * the same handler, so a button and its command never drift apart. `messageId` is the
 * message the answer may refer to (the clicked card; none for the bot menu).
 */
export async function runCommand(id: string, ctx: HandlerContext, options: { messageId: string; args?: string }): Promise<void> {
  const command = ctx.registry.commands.find((c) => c.id === id);
  if (!command) throw new AppError('not_found', '该功能已调整，请发送 /帮助 查看可用指令');
  ctx.log.info({ command: command.id, via: options.messageId ? 'card' : 'menu' }, 'command');
  await command.run({ ...ctx, messageId: options.messageId, command: command.names[0]!, args: options.args ?? '' });
}
