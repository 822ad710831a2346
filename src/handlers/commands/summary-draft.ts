import type { CommandContext } from '../../bot/context.js';
import { tallyPages } from '../../domain/report/ledger-tally.js';
import type { LedgerEntry, YearFigures } from '../../domain/report/year-figures.js';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import { ledgerCells } from '../../presentation/report/ledger-columns.js';
import { AppError } from '../../errors.js';
import { sourceNotes } from '../../presentation/report/draft-sources.js';
import { renderDraft, type Draft } from '../../presentation/report/render-draft.js';
import { loadDraftTemplate, TemplateError } from '../../presentation/report/template.js';
import { verifyDraft } from '../../presentation/report/verify-draft.js';
import { loadYearFigures } from '../../store/report/load-year-figures.js';
import { loadReturnedCases, yearLedgerPages } from '../../store/report/load-year-ledger.js';
import { loadWorkRecords } from '../../store/report/work-records.js';

export const emptyYearMessage = (year: number) =>
  `台账中没有${year}年的企业诉求、会前学法或工作记录，未生成${year}年总结：总结的内容均来自这些记录，无记录时不作编写。请先登记诉求、学法或工作记录，或由管理员导入该年台账后再试。`;

export const uncheckedMessage = (year: number) =>
  `${year}年总结草稿未能通过发送前的数字核对（正文数字与附件台账不一致），本次未发送。已记录不一致之处，请联系管理员检查台账数据后重试。`;

/** The files (every case of the year) go to the asker alone in a group, and from the bot menu, where there is no message to reply to. */
export function fileTarget(ctx: CommandContext) {
  return ctx.chat.chatType === 'group' || !ctx.messageId ? { openId: ctx.user.openId } : { replyTo: ctx.messageId };
}

/** Nothing of any kind recorded for the year: the only case without a draft. */
export const nothingRecorded = (f: YearFigures) => f.total === 0 && f.returned === 0 && f.study.sessions === 0 && Object.values(f.records).every((n) => n === 0);

export type YearDraft =
  | { kind: 'empty'; figures: YearFigures }
  | { kind: 'unchecked'; figures: YearFigures; mismatches: unknown[] }
  | { kind: 'ok'; figures: YearFigures; draft: Draft; docx: Buffer; xlsx: Buffer | undefined; returned: ReturnedCase[] };

/**
 * The year's draft from the store, as /总结 sends it and /总结 <年> 定稿 seals it: figures, text,
 * the .docx (and the .xlsx on request), checked against the appendix rows (verify-draft.ts).
 */
export async function makeYearDraft(ctx: CommandContext, year: number, today: string, ledger: boolean, cloudRows?: string[][]): Promise<YearDraft> {
  const records = await loadWorkRecords(ctx.db, year);
  const figures = await loadYearFigures(ctx.db, year, today, records);
  if (nothingRecorded(figures)) return { kind: 'empty', figures };
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
  const { docx, xlsx, appendix } = await writeDraftFiles(draft, cloudRows ? tapCells(pages, cloudRows) : pages, returned, ledger ? year : undefined);
  const mismatches = verifyDraft({ figures, appendix, returned, draft, docx });
  if (mismatches.length > 0) return { kind: 'unchecked', figures, mismatches };
  return { kind: 'ok', figures, draft, docx, xlsx, returned };
}

/** The pages as they go by, each row's cells kept for the cloud document (`cloudRows` of makeYearDraft). */
async function* tapCells(pages: AsyncIterable<readonly LedgerEntry[]>, into: string[][]): AsyncGenerator<readonly LedgerEntry[]> {
  for await (const page of pages) {
    for (const e of page) into.push(ledgerCells(e));
    yield page;
  }
}
