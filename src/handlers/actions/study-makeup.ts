import { AppError } from '../../errors.js';
import { REASON_MAX, STATUS_LABEL } from '../../domain/study/attendance.js';
import { recordMakeup } from '../../store/study/attendance.js';
import { resolveName } from '../people/resolve-name.js';
import type { ActionHandler } from '../../bot/registry.js';
import { isOpenId } from '../../domain/people/open-id.js';
import { formText } from './form-text.js';
import { answerWithCard, clickedSession, requireAdmin } from './study-answer.js';
import { refreshCardSoon } from './study-card-refresh.js';

/** 补签 (admins): records someone's 签到 or 请假 afterwards, with a note; shown as 补签 on the card. */
export const studyMakeupAction: ActionHandler = {
  id: 'study.makeup',
  async run(ctx) {
    requireAdmin(ctx, '补签');
    const person = formText(ctx, 'person');
    const status = formText(ctx, 'makeup_status') || 'present';
    const note = formText(ctx, 'note');
    if (!isOpenId(person)) throw new AppError('invalid_input', '请选择补签人员', { field: 'person' });
    if (status !== 'present' && status !== 'leave') throw new AppError('invalid_input', '补签类型应为签到或请假', { field: 'makeup_status' });
    if (!note) throw new AppError('invalid_input', '请填写补签说明', { field: 'note' });
    if (note.length > REASON_MAX) throw new AppError('invalid_input', `补签说明不能超过${REASON_MAX}字`, { field: 'note' });

    const session = await clickedSession(ctx);
    const name = await resolveName(ctx.db, ctx.directory, person, { chatId: session.chatId, now: ctx.clock.now() });
    const { changed } = await recordMakeup(ctx.db, { sessionId: session.id, openId: person, status, note, recordedBy: ctx.user.openId });
    const label = STATUS_LABEL[status];
    if (!changed) return answerWithCard(ctx, session.id, { type: 'info', content: `${name}已${label}，无需补签` });
    // The name look-up may take longer than Lark waits for the answer: patch the card too.
    refreshCardSoon(ctx, session.id);
    return answerWithCard(ctx, session.id, { type: 'success', content: `已为${name}补签（${label}）` });
  },
};
