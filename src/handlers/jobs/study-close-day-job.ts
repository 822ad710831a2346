import type { JobContext } from '../../bot/context.js';
import { closeDueSessions } from '../study/close-due-sessions.js';

/**
 * Shortly after midnight: closes the study sessions of days that have ended, snapshots who
 * was missing and turns their cards to the closed state. Sessions whose chat members cannot
 * be read stay open and are tried again at the next run.
 */
export async function closeStudyDay(ctx: JobContext): Promise<string> {
  const r = await closeDueSessions(ctx.db, { directory: ctx.directory, timeZone: ctx.config.BOT_TIMEZONE, log: ctx.log }, ctx.clock.now());
  return `结束会前学法 ${r.closed.length} 场${r.failed.length ? `，${r.failed.length} 场未能读取群成员，待下次重试` : ''}`;
}
