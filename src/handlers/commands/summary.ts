import { parseSummaryArgs } from '../../domain/report/parse-summary-args.js';
import { AppError } from '../../errors.js';
import { draftPosts } from '../../presentation/report/draft-messages.js';
import { renderDraft } from '../../presentation/report/render-draft.js';
import { loadDraftTemplate, TemplateError } from '../../presentation/report/template.js';
import { loadYearFigures } from '../../store/report/load-year-figures.js';
import { loadYearLedger } from '../../store/report/load-year-ledger.js';
import { text } from '../../bot/message.js';
import { todayOf } from '../today.js';
import type { CommandHandler } from '../../bot/registry.js';

export const emptyYearMessage = (year: number) =>
  `台账中没有${year}年受理的企业诉求，未生成${year}年总结：总结的主要数字均来自诉求台账，无数据时不作编写。请先登记诉求或导入该年台账（scripts/import-ledger.ts）后再试。`;

/**
 * `/总结 [年] [台账]`: the year-end 法治政府建设工作总结 from the store, as posts and a .docx
 * (and the .xlsx ledger on request). Admins and leaders only.
 */
export const summaryCommand: CommandHandler = {
  id: 'report.summary',
  names: ['总结', 'summary'],
  usage: '/总结 [年份] [台账]',
  summary: '生成年度法治政府建设工作总结（文字稿和 Word 文件，加「台账」另附 Excel 台账；限管理员和领导）',
  async run(ctx) {
    if (!ctx.user.isAdmin && !ctx.user.isLeader) throw new AppError('forbidden', '您没有生成年度总结的权限，请联系管理员或分管领导。');
    const today = todayOf(ctx);
    const { year, ledger } = parseSummaryArgs(ctx.args, Number(today.slice(0, 4)));
    await ctx.reply(text(`正在生成${year}年法治政府建设工作总结，请稍候…`));

    const started = Date.now();
    const figures = await loadYearFigures(ctx.db, year, today);
    if (figures.total === 0) return ctx.reply(text(emptyYearMessage(year)));
    let draft;
    try {
      draft = renderDraft(figures, loadDraftTemplate(), ctx.config.BOT_ORG_NAME);
    } catch (e) {
      if (e instanceof TemplateError) throw new AppError('internal', `${e.message}。请修改 templates/year-end-summary.zh.md 后重试。`, { cause: e });
      throw e;
    }
    for (const post of draftPosts(draft)) await ctx.reply(post);
    const rows = loadYearLedger(ctx.db, year, today);
    // In a group the files (every case of the year) go to the asker alone, as the study export does.
    const inGroup = ctx.chat.chatType === 'group';
    const file = inGroup ? { openId: ctx.user.openId } : { replyTo: ctx.messageId };
    // docx and exceljs are loaded on first use: tens of MB the running bot rarely needs.
    const { draftDocx } = await import('../../presentation/report/draft-docx.js');
    await ctx.sendFile(file, { fileName: `${draft.title}.docx`, fileType: 'doc', data: await draftDocx(draft, rows) });
    if (ledger) {
      const { ledgerXlsx } = await import('../../presentation/report/ledger-xlsx.js');
      await ctx.sendFile(file, { fileName: `${year}年企业诉求台账.xlsx`, fileType: 'xls', data: await ledgerXlsx(year, rows) });
    }
    if (inGroup) await ctx.reply(text(`${year}年总结的 Word 文件${ledger ? '和 Excel 台账' : ''}已发送至您的单聊。`));
    ctx.log.info({ year, cases: figures.total, ms: Date.now() - started }, 'year-end draft sent');
  },
};
