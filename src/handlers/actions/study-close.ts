import { AppError } from '../../errors.js';
import { closeStudySession } from '../study/close-study-session.js';
import type { ActionHandler } from '../../bot/registry.js';
import { answerWithCard, clickedSession, requireAdmin } from './study-answer.js';
import { refreshCardSoon } from './study-card-refresh.js';

/** 结束 (admins): closes the session and records the chat members who did not respond as absent. */
export const studyCloseAction: ActionHandler = {
  id: 'study.close',
  async run(ctx) {
    requireAdmin(ctx, '结束学法');
    const session = await clickedSession(ctx);
    const result = await closeStudySession(ctx.db, ctx.directory, session, ctx.clock.now()).catch((e: unknown) => {
      throw new AppError('upstream', '获取群成员名单失败，请稍后再试', { cause: e });
    });
    if (!result.closed) return answerWithCard(ctx, session.id, { type: 'info', content: '本次学法已结束' });
    await ctx.db.auditLog.create({ data: { actor: ctx.user.openId, action: 'study.close', subject: `study:${session.id}`, detail: JSON.stringify(result) } });
    // Reading the member list may take longer than Lark waits for the answer: patch the card too.
    refreshCardSoon(ctx, session.id);
    return answerWithCard(ctx, session.id, { type: 'success', content: `本次学法已结束，缺席 ${result.absent} 人已登记` });
  },
};
