import { AppError } from '../../errors.js';
import { TOPIC_MAX } from '../../domain/study/attendance.js';
import { dayIn } from '../../domain/dates/days.js';
import { openStudySession } from '../../store/study/sessions.js';
import { cardQueued, studyCardRef } from '../study/study-card.js';
import { loadSessionView } from '../study/session-view.js';
import { rememberMemberNames } from '../../store/study/names.js';
import { studySessionCard } from '../../presentation/cards/study-session-card.js';
import { card } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';

/** `/学法 <主题>`: posts a 会前学法 card in this chat for people to 签到 or 请假. */
export const studyOpenCommand: CommandHandler = {
  id: 'study.open',
  names: ['学法'],
  usage: '/学法 <主题>',
  summary: '发起会前学法，参会人员在卡片上签到或请假',
  async run(ctx) {
    const topic = ctx.args.replace(/\s+/g, ' ').trim();
    if (!topic) throw new AppError('invalid_input', '请填写学习主题，例如：/学法 《优化营商环境条例》', { field: 'topic' });
    if (topic.length > TOPIC_MAX) throw new AppError('invalid_input', `学习主题不能超过${TOPIC_MAX}字`, { field: 'topic' });
    const now = ctx.clock.now();
    const tz = ctx.config.BOT_TIMEZONE;
    // Keyed by the command's message: a redelivered or re-run command opens no second session.
    const session = await openStudySession(ctx.db, {
      topic,
      chatId: ctx.chat.chatId,
      openedBy: ctx.user.openId,
      heldDate: dayIn(now, tz),
      openedAt: now,
      sourceKey: `message:${ctx.messageId}`,
    });
    if (await cardQueued(ctx.db, session.id)) return;
    // Names of the chat's members in one call now, so thirty clicks later need no look-up each.
    await ctx.directory
      .chatMembers(ctx.chat.chatId)
      .then((members) => rememberMemberNames(ctx.db, members))
      .catch((e: unknown) => ctx.log.warn({ err: (e as Error).message }, 'chat members not read; names looked up per click'));
    const view = await loadSessionView(ctx.db, ctx.directory, session.id, now);
    await ctx.send({ chatId: ctx.chat.chatId }, card(studySessionCard(view, tz)), { ref: studyCardRef(session.id) });
  },
};
