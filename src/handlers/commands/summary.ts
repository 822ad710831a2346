import { parseSummaryArgs } from '../../domain/report/parse-summary-args.js';
import { AppError } from '../../errors.js';
import { draftPosts } from '../../presentation/report/draft-messages.js';
import { sealInForce } from '../../store/report/year-seal.js';
import { encodeTarget, text } from '../../bot/message.js';
import type { DocumentPayload } from '../../cloud/docs/document-payload.js';
import { monthDay } from '../../domain/dates/days.js';
import { returnedCells } from '../../presentation/report/ledger-columns.js';
import { todayOf } from '../today.js';
import type { CommandHandler } from '../../bot/registry.js';
import { emptyYearMessage, fileTarget, makeYearDraft, uncheckedMessage } from './summary-draft.js';
import { reopenYear, sealYear, sendSealedDraft } from './summary-seal.js';

export { emptyYearMessage, uncheckedMessage } from './summary-draft.js';

/**
 * `/总结 [年] [台账]`: the year-end 法治政府建设工作总结 from the store, as posts and a .docx
 * (and the .xlsx ledger on request). Admins and leaders only. Everything is made first and
 * checked against the appendix rows (verify-draft.ts); a draft that fails is not sent. A sealed
 * year (`/总结 <年> 定稿`) gives its sealed draft instead (summary-seal.ts).
 */
export const summaryCommand: CommandHandler = {
  id: 'report.summary',
  names: ['总结', 'summary'],
  usage: '/总结 [年份] [台账]',
  summary: '生成年度法治政府建设工作总结（文字稿和 Word 文件，加「台账」另附 Excel 台账；限管理员和领导；管理员可「定稿」「撤销定稿」）',
  adminsAndLeadersOnly: true,
  async run(ctx) {
    if (!ctx.user.isAdmin && !ctx.user.isLeader) throw new AppError('forbidden', '您没有生成年度总结的权限，请联系管理员或分管领导。');
    const today = todayOf(ctx);
    const { year, ledger, action, reason } = parseSummaryArgs(ctx.args, Number(today.slice(0, 4)));
    if (action === 'seal') return sealYear(ctx, year, today);
    if (action === 'reopen') return reopenYear(ctx, year, reason!);
    const seal = await sealInForce(ctx.db, year);
    if (seal) return sendSealedDraft(ctx, seal, ledger);
    await ctx.reply(text(`正在生成${year}年法治政府建设工作总结，请稍候…`));

    const started = Date.now();
    // The cloud document lists the same rows as the .docx: taken from the same read.
    const cloudRows: string[][] | undefined = ctx.config.LARK_DOCS_FOLDER_TOKEN ? [] : undefined;
    const made = await makeYearDraft(ctx, year, today, ledger, cloudRows);
    if (made.kind === 'empty') return ctx.reply(text(emptyYearMessage(year)));
    if (made.kind === 'unchecked') {
      ctx.log.warn({ year, mismatches: made.mismatches }, 'year-end draft failed its pre-send check; nothing sent');
      return ctx.reply(text(uncheckedMessage(year)));
    }
    const { draft, docx, xlsx, figures, returned } = made;
    for (const post of draftPosts(draft)) await ctx.reply(post);
    const file = fileTarget(ctx);
    await ctx.sendFile(file, { fileName: `${draft.title}.docx`, fileType: 'doc', data: docx });
    if (xlsx) await ctx.sendFile(file, { fileName: `${year}年企业诉求台账.xlsx`, fileType: 'xls', data: xlsx });
    if (ctx.chat.chatType === 'group') await ctx.reply(text(`${year}年总结的 Word 文件${ledger ? '和 Excel 台账' : ''}已发送至您的单聊。`));
    if (cloudRows) {
      const orderKey = 'replyTo' in file && ctx.chat.chatId ? encodeTarget({ chatId: ctx.chat.chatId }) : undefined;
      const payload: DocumentPayload = {
        folderToken: ctx.config.LARK_DOCS_FOLDER_TOKEN!,
        title: `${draft.title}（草稿 ${monthDay(today)}）`,
        draft,
        ledger: cloudRows,
        returned: returned.map(returnedCells),
        askerId: ctx.user.openId,
        leaderIds: ctx.config.BOT_LEADERS,
        cardTo: file,
        orderKey,
      };
      // Keyed by the event: a redelivered /总结 stores the same row, so one document per event.
      await ctx.sendCloud('docx', ctx.eventId, payload, { key: 'cloud-document' });
    }
    ctx.log.info({ year, cases: figures.total, checks: draft.checks.length, ms: Date.now() - started }, 'year-end draft sent');
  },
};
