import { chineseDay } from '../../domain/report/day-text.js';
import { recordKindLabel, recordUnits, type WorkRecordEntry } from '../../domain/report/record-kinds.js';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import { LISTED_CODES, type CodeGroup, type LedgerTally } from '../../domain/report/ledger-tally.js';
import type { YearFigures } from '../../domain/report/year-figures.js';
import type { SourceNotes } from './render-draft.js';
import { RECORD_SENTENCE } from './draft-sentences.js';

/** What the draft's figures are counted from, besides the figures themselves. */
export interface DraftSources {
  /** The appendix rows, counted as they were read (the year is never held whole). */
  ledger: LedgerTally;
  returned: ReturnedCase[];
  records: WorkRecordEntry[];
}

/** Codes are listed when few; beyond LISTED_CODES the note names the rows by their column instead. */
const MAX_LISTED = LISTED_CODES;

function codes(g: CodeGroup): string {
  const list = g.codes.slice(0, MAX_LISTED).join('、');
  return g.count > MAX_LISTED ? `${list}等${g.count}件` : list;
}

const groupOf = (rows: Array<{ code: string }>): CodeGroup => ({ count: rows.length, codes: rows.slice(0, MAX_LISTED).map((r) => r.code) });

function recordNote(kind: string, entries: WorkRecordEntry[], total: number): string {
  const label = recordKindLabel(kind);
  const mine = entries.filter((e) => e.kind === kind);
  const listed = mine.slice(0, MAX_LISTED).map((e) => `${chineseDay(e.date)}「${e.content}」${e.quantity !== null ? `${e.quantity}${e.unit ?? ''}` : ''}`);
  const more = mine.length > MAX_LISTED ? `等${mine.length}条登记` : '';
  return `来源：登记的${label}工作${mine.length}条，合计${total}${recordUnits(kind)[0]}（未写数量的每条计1）：${listed.join('；')}${more}。`;
}

function followupNote(f: YearFigures, table: string): string {
  const v = f.followups;
  return `来源：${table}「回访情况」列：回访记录${v.total}条（涉及${v.cases}件诉求），其中满意${v.satisfied}条、基本满意${v.basic}条、不满意${v.dissatisfied}条；满意率＝满意及基本满意${v.content}条÷回访${v.total}条。不满意的诉求已重新办理，其回访仍计入。`;
}

/**
 * Pure: for each data sentence, a note saying which rows, sessions or logged entries its
 * figures are counted from; the .docx attaches it to the sentence as a Word comment.
 */
export function sourceNotes(f: YearFigures, src: DraftSources): SourceNotes {
  const table = `附件《${f.year}年企业诉求台账》`;
  const { open, overdue, late } = src.ledger;
  const byCategory = f.categories.map((c) => `${c.label}${c.count}行（已办结${c.resolved}件）`).join('；');
  const notes: SourceNotes = {
    诉求总数: `来源：${table}全部${src.ledger.rows}行（${f.year}年受理、未退回的诉求）；已办结${f.resolved}件${open.count ? `，未办结${open.count}件：${codes(open)}` : ''}。`,
    诉求分类: `来源：${table}按「诉求类别」计数：${byCategory}。办结率＝已办结${f.resolved}件÷受理${f.total}件。列举的企业均取自该类已办结的诉求。`,
    时限表述: `依据：${table}中已办结的${f.resolved}件「是否在时限内」均为“是”，且无超期未办结诉求。`,
    按时办结: `来源：${table}「是否在时限内」为“是”的${f.withinDeadline}行${late.count ? `，为“否”的${late.count}行：${codes(late)}` : ''}。`,
    退回: `来源：附件「退回诉求」表${src.returned.length}行：${codes(groupOf(src.returned))}。`,
    逾期未办结: `来源：${table}「是否在时限内」为“未办结（已超期）”的${overdue.count}行：${codes(overdue)}。`,
    逾期办结: `来源：${table}「是否在时限内」为“否”的${late.count}行：${codes(late)}。`,
    回访: followupNote(f, table),
    办理用时增加: `来源：已办结诉求从受理日期到办结日期的工作日数（与办理期限同一算法），按类别取本年与上年的平均值；增幅达到两成且不少于两个工作日才列入。`,
  };
  if (f.study.sessions > 0) {
    const days = (f.study.days ?? []).map(chineseDay).join('、');
    const rows = f.study.attendanceRows > 0 ? `，签到、请假、缺席记录${f.study.attendanceRows}条，其中签到${f.study.present}条；参学率为各次签到率的平均值` : '，无签到记录';
    notes.学法 = `来源：会前学法记录${f.study.sessions}次（${days}）${rows}。`;
    notes.参学率偏低 = notes.学法;
  }
  for (const [sentence, kind] of Object.entries(RECORD_SENTENCE)) notes[sentence as keyof typeof RECORD_SENTENCE] = recordNote(kind, src.records, f.records[kind]);
  return notes;
}

