import type { ActionHandler } from '../../bot/registry.js';
import { studyClick } from './study-click.js';

/** 签到 on a 会前学法 card. */
export const studyCheckinAction: ActionHandler = {
  id: 'study.checkin',
  run: (ctx) => studyClick(ctx, { status: 'present' }),
};
