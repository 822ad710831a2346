import { AppError } from '../../errors.js';
import { yearIn } from '../../domain/dates/days.js';
import { yearWord } from '../../domain/dates/year-word.js';
import { studyYearStats } from '../../store/study/statistics.js';
import { studyStatsCard } from '../../presentation/cards/study-stats-card.js';
import { card } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';
import { sendStudyWorkbook, statsNames } from '../actions/study-export.js';

const EXPORT_WORDS = new Set(['导出', 'excel', 'xlsx']);

const isPlausibleYear = (year: number | undefined) => year !== undefined && year >= 2000 && year <= 2100;

function parseArgs(args: string, thisYear: number): { year: number; exportFile: boolean } {
  let year = thisYear;
  let exportFile = false;
  for (const word of args.split(/\s+/).filter(Boolean)) {
    if (EXPORT_WORDS.has(word.toLowerCase())) exportFile = true;
    else if (isPlausibleYear(yearWord(word))) year = yearWord(word)!;
    else throw new AppError('invalid_input', '年份应为四位数字，例如：/学法统计 2026（管理员可加“导出”获取 Excel）', { field: 'year' });
  }
  return { year, exportFile };
}

/** `/学法统计 [年] [导出]`: attendance per person for the year; admins may also get the .xlsx. */
export const studyStatsCommand: CommandHandler = {
  id: 'study.stats',
  names: ['学法统计'],
  usage: '/学法统计 [年]',
  summary: '查看该年度会前学法出勤统计（管理员可导出 Excel）',
  async run(ctx) {
    const { year, exportFile } = parseArgs(ctx.args, yearIn(ctx.clock.now(), ctx.config.BOT_TIMEZONE));
    if (exportFile && !ctx.user.isAdmin) throw new AppError('forbidden', '仅管理员可导出统计表');
    const stats = await studyYearStats(ctx.db, year);
    const names = await statsNames(ctx, stats);
    await ctx.reply(card(studyStatsCard(stats, { names, canExport: ctx.user.isAdmin })));
    if (exportFile && stats.sessions > 0) await sendStudyWorkbook(ctx, year);
  },
};
