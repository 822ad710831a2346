import { AppError } from '../../errors.js';
import { studyYearRecords, studyYearStats, type StudyYearStats } from '../../store/study/statistics.js';
import { resolveNames } from '../people/resolve-name.js';
import type { ActionHandler } from '../../bot/registry.js';
import type { HandlerContext } from '../../bot/context.js';
import { requireAdmin } from './study-answer.js';

/** Names of everyone in the figures: the users table first, look-ups only for the others. */
export async function statsNames(ctx: HandlerContext, stats: StudyYearStats): Promise<Map<string, string>> {
  const names = new Map(stats.perPerson.filter((p) => p.name).map((p) => [p.openId, p.name!]));
  const unknown = stats.perPerson.filter((p) => !p.name).map((p) => p.openId);
  if (unknown.length) for (const [id, n] of await resolveNames(ctx.db, ctx.directory, unknown, { chatId: ctx.chat.chatId, now: ctx.clock.now() })) names.set(id, n);
  return names;
}

/** Sends the year's statistics as an .xlsx to the admin's direct chat (figures stay out of the group). */
export async function sendStudyWorkbook(ctx: HandlerContext, year: number): Promise<void> {
  const stats = await studyYearStats(ctx.db, year);
  if (stats.sessions === 0) throw new AppError('not_found', `${year}年尚未开展会前学法，无可导出的统计`);
  // exceljs is loaded on first use: it weighs tens of MB the running bot rarely needs.
  const { studyStatsWorkbook } = await import('../../presentation/study/study-stats-workbook.js');
  const data = await studyStatsWorkbook(stats, await studyYearRecords(ctx.db, year), await statsNames(ctx, stats));
  await ctx.sendFile({ openId: ctx.user.openId }, { fileName: `${year}年会前学法统计.xlsx`, fileType: 'xls', data });
}

/** 导出 Excel on the /学法统计 card (admins). */
export const studyExportAction: ActionHandler = {
  id: 'study.export',
  async run(ctx) {
    requireAdmin(ctx, '导出统计表');
    const year = Number(ctx.action.value.year);
    if (!Number.isInteger(year)) throw new AppError('invalid_input', '卡片缺少统计年份，请重新发送 /学法统计', { field: 'year' });
    await sendStudyWorkbook(ctx, year);
    return { toast: { type: 'success', content: `${year}年会前学法统计表已发送至您的单聊` } };
  },
};
