import type { ActionHandler } from '../../bot/registry.js';
import { formText } from './form-text.js';
import { studyClick } from './study-click.js';

/** 请假 on a 会前学法 card, with the reason typed in the card's form (`reason`). */
export const studyLeaveAction: ActionHandler = {
  id: 'study.leave',
  run: (ctx) => studyClick(ctx, { status: 'leave', reason: formText(ctx, 'reason') }),
};
