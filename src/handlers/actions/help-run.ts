import { runCommand } from '../run-command.js';
import type { ActionHandler } from '../../bot/registry.js';

/**
 * A button on the help, greeting or welcome card (`value.command` = a command id) runs that
 * command as if typed; 年度总结 takes the year picked in the card's form.
 */
export const helpRunAction: ActionHandler = {
  id: 'help.run',
  async run(ctx) {
    const id = typeof ctx.action.value.command === 'string' ? ctx.action.value.command : '';
    const year = ctx.action.formValue?.year;
    await runCommand(id, ctx, { messageId: ctx.messageId, args: typeof year === 'string' ? year : '' });
    return {};
  },
};
