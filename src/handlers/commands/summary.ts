import { parseSummaryArgs } from '../../domain/report/parse-summary-args.js';
import type { YearFigures } from '../../domain/report/year-figures.js';
import { AppError } from '../../errors.js';
import { draftPosts } from '../../presentation/report/draft-messages.js';
import { sourceNotes } from '../../presentation/report/draft-sources.js';
import { renderDraft } from '../../presentation/report/render-draft.js';
import { loadDraftTemplate, TemplateError } from '../../presentation/report/template.js';
import { verifyDraft } from '../../presentation/report/verify-draft.js';
import { loadYearFigures } from '../../store/report/load-year-figures.js';
import { tallyPages } from '../../domain/report/ledger-tally.js';
import { loadReturnedCases, yearLedgerPages } from '../../store/report/load-year-ledger.js';
import { loadWorkRecords } from '../../store/report/work-records.js';
import { encodeTarget, text } from '../../bot/message.js';
import type { DocumentPayload } from '../../cloud/docs/document-payload.js';
import { ledgerCells, returnedCells } from '../../presentation/report/ledger-columns.js';
import type { LedgerEntry } from '../../domain/report/year-figures.js';
import { todayOf } from '../today.js';
import { monthDay } from '../../domain/dates/days.js';
import type { CommandHandler } from '../../bot/registry.js';

export const emptyYearMessage = (year: number) =>
  `台账中没有${year}年的企业诉求、会前学法或工作记录，未生成${year}年总结：总结的内容均来自这些记录，无记录时不作编写。请先登记诉求、学法或工作记录，或由管理员导入该年台账后再试。`;

export const uncheckedMessage = (year: number) =>
  `${year}年总结草稿未能通过发送前的数字核对（正文数字与附件台账不一致），本次未发送。已记录不一致之处，请联系管理员检查台账数据后重试。`;

/** Nothing of any kind recorded for the year: the only case without a draft. */
const nothingRecorded = (f: YearFigures) => f.total === 0 && f.returned === 0 && f.study.sessions === 0 && Object.values(f.records).every((n) => n === 0);

/**
 * `/总结 [年] [台账]`: the year-end 法治政府建设工作总结 from the store, as posts and a .docx
 * (and the .xlsx ledger on request). Admins and leaders only. Everything is made first and
 * checked against the appendix rows (verify-draft.ts); a draft that fails is not sent.
 */
export const summaryCommand: CommandHandler = {
  id: 'report.summary',
  names: ['总结', 'summary'],
  usage: '/总结 [年份] [台账]',
  summary: '生成年度法治政府建设工作总结（文字稿和 Word 文件，加「台账」另附 Excel 台账；限管理员和领导）',
  adminsAndLeadersOnly: true,
  async run(ctx) {
    if (!ctx.user.isAdmin && !ctx.user.isLeader) throw new AppError('forbidden', '您没有生成年度总结的权限，请联系管理员或分管领导。');
    const today = todayOf(ctx);
    const { year, ledger } = parseSummaryArgs(ctx.args, Number(today.slice(0, 4)));
    await ctx.reply(text(`正在生成${year}年法治政府建设工作总结，请稍候…`));

    const started = Date.now();
    const records = await loadWorkRecords(ctx.db, year);
    const figures = await loadYearFigures(ctx.db, year, today, records);
    if (nothingRecorded(figures)) return ctx.reply(text(emptyYearMessage(year)));
    // The ledger is read in pages, twice: once for the source notes of the text, once into the files.
    const pages = yearLedgerPages(ctx.db, year, today);
    const returned = await loadReturnedCases(ctx.db, year);
    const listed = await tallyPages(pages);
    let draft;
    try {
      draft = renderDraft(figures, loadDraftTemplate(), ctx.config.BOT_ORG_NAME, sourceNotes(figures, { ledger: listed, returned, records }));
    } catch (e) {
      if (e instanceof TemplateError) throw new AppError('internal', `${e.message}。请联系管理员修改年度总结模板后重试。`, { cause: e });
      throw e;
    }
    // docx and exceljs are loaded on first use: tens of MB the running bot rarely needs.
    const { writeDraftFiles } = await import('../../presentation/report/draft-files.js');
    // The cloud document lists the same rows as the .docx: taken from the same read.
    const cloudRows: string[][] | undefined = ctx.config.LARK_DOCS_FOLDER_TOKEN ? [] : undefined;
    const { docx, xlsx, appendix } = await writeDraftFiles(draft, cloudRows ? tapCells(pages, cloudRows) : pages, returned, ledger ? year : undefined);
    const mismatches = verifyDraft({ figures, appendix, returned, draft, docx });
    if (mismatches.length > 0) {
      ctx.log.warn({ year, mismatches }, 'year-end draft failed its pre-send check; nothing sent');
      return ctx.reply(text(uncheckedMessage(year)));
    }
    for (const post of draftPosts(draft)) await ctx.reply(post);
    // The files (every case of the year) go to the asker alone when asked in a group, as the study
    // export does, and from the bot menu, where there is no message to reply to.
    const inGroup = ctx.chat.chatType === 'group';
    const file = inGroup || !ctx.messageId ? { openId: ctx.user.openId } : { replyTo: ctx.messageId };
    await ctx.sendFile(file, { fileName: `${draft.title}.docx`, fileType: 'doc', data: docx });
    if (xlsx) await ctx.sendFile(file, { fileName: `${year}年企业诉求台账.xlsx`, fileType: 'xls', data: xlsx });
    if (inGroup) await ctx.reply(text(`${year}年总结的 Word 文件${ledger ? '和 Excel 台账' : ''}已发送至您的单聊。`));
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

/** The ledger's pages passed on unchanged, their cells kept for the cloud document's appendix. */
async function* tapCells(pages: AsyncIterable<readonly LedgerEntry[]>, into: string[][]): AsyncGenerator<readonly LedgerEntry[]> {
  for await (const page of pages) {
    for (const e of page) into.push(ledgerCells(e));
    yield page;
  }
}
