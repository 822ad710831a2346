import { guessReport } from '../../domain/cases/guess-report.js';
import { reportCard } from '../../presentation/cards/report-card.js';
import { card } from '../../bot/message.js';
import type { CommandContext } from '../../bot/context.js';
import type { CommandHandler, TextHandler } from '../../bot/registry.js';
import { todayOf } from '../today.js';

async function sendReportCard(ctx: CommandContext): Promise<void> {
  const guess = ctx.args ? guessReport(ctx.args) : undefined;
  await ctx.reply(card(reportCard({ today: todayOf(ctx), ...(guess ? { guess } : {}) })));
}

/** /上报 [text]: the report card, prefilled from the text when there is one. */
export const reportCommand: CommandHandler = {
  id: 'case.report',
  names: ['上报', 'report'],
  usage: '/上报 [诉求描述]',
  summary: '上报企业诉求（附一句描述可自动预填企业和类别）',
  run: sendReportCard,
};

/** Plain text in a direct chat means `/上报 <text>`. */
export const reportTextHandler: TextHandler = {
  id: 'case.report-text',
  run: sendReportCard,
};
