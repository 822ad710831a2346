import { parseCaseCode } from '../../domain/cases/case-code.js';
import { text } from '../../bot/message.js';
import type { CommandContext } from '../../bot/context.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import { findCaseByCode } from '../../store/cases/find-cases.js';

/**
 * The case a command names (`/诉求 QY2023-0007`, `/回访 QY2023-0007`), or undefined once the user
 * has been told why there is none: no code given, or no case with that code.
 */
export async function caseNamedIn(ctx: CommandContext, command: string): Promise<CaseWithHistory | undefined> {
  const code = parseCaseCode(ctx.args);
  if (!code) {
    await ctx.reply(text(`请在指令后附上诉求编号，例如：/${command} QY2023-0007`));
    return undefined;
  }
  const c = await findCaseByCode(ctx.db, code);
  if (!c) await ctx.reply(text(`未找到编号为 ${code} 的诉求，请核对编号。`));
  return c ?? undefined;
}
