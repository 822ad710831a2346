import { AppError } from '../../errors.js';
import { clip } from '../text/clean-input.js';
import { parseDay } from './day-text.js';
import { RECORD_KINDS, recordKindLabel, recordKindOf, recordUnits, type RecordKind } from './record-kinds.js';

export const RECORD_CONTENT_MAX = 500;
export const RECORD_QUANTITY_MAX = 100_000;

export const RECORD_USAGE = `用法：/记录 <类型> <内容> [数量] [日期]，类型可选：${RECORD_KINDS.map((k) => k.label).join('、')}；数量带单位单独写，如 15条、3份。例如：/记录 政务公开 发布政策文件 15条 2023-05-06`;

export interface RecordInput {
  kind: RecordKind;
  content: string;
  /** 'YYYY-MM-DD'; today when the user gave none. */
  date: string;
  /** The quantity typed as its own word (`15条`), with its unit; absent when none was given. */
  quantity?: { value: number; unit: string };
}

/** A number followed by a unit of one or two CJK characters, as one word (「15条」, 「3份」). */
const QUANTITY = /^(\d+)([\u4e00-\u9fff]{1,2})$/;

function quantityOf(word: string, kind: RecordKind): RecordInput['quantity'] | undefined {
  const m = QUANTITY.exec(word);
  if (!m) return undefined;
  const units = recordUnits(kind);
  if (!units.includes(m[2]!)) {
    throw new AppError('invalid_input', `${recordKindLabel(kind)}的数量请以“${units.join('”或“')}”为单位，例如 3${units[0]}。${RECORD_USAGE}`, { field: 'quantity' });
  }
  const value = Number(m[1]);
  if (value < 1 || value > RECORD_QUANTITY_MAX) throw new AppError('invalid_input', `数量应在1到${RECORD_QUANTITY_MAX}之间`, { field: 'quantity' });
  return { value, unit: m[2]! };
}

/** `<类型> <内容> [数量] [日期]` → a record, or an AppError naming what is wrong. `today` bounds the date. */
export function parseRecordArgs(args: string, today: string): RecordInput {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new AppError('invalid_input', RECORD_USAGE, { field: 'kind' });
  const kind = recordKindOf(words[0]!);
  if (!kind) throw new AppError('invalid_input', `未识别的记录类型「${clip(words[0]!)}」。${RECORD_USAGE}`, { field: 'kind' });
  let rest = words.slice(1);
  let date = today;
  const lastDay = rest.length > 0 ? parseDay(rest[rest.length - 1]!) : undefined;
  if (lastDay) {
    date = lastDay;
    rest = rest.slice(0, -1);
  }
  // The quantity is the last word before the date; a lone quantity is no content.
  const quantity = rest.length > 0 ? quantityOf(rest[rest.length - 1]!, kind) : undefined;
  if (quantity) rest = rest.slice(0, -1);
  const content = rest.join(' ').trim();
  if (!content) throw new AppError('invalid_input', `请填写记录内容。${RECORD_USAGE}`, { field: 'content' });
  if (content.length > RECORD_CONTENT_MAX) throw new AppError('invalid_input', `记录内容不能超过${RECORD_CONTENT_MAX}字`, { field: 'content' });
  if (date > today) throw new AppError('invalid_input', `日期「${date}」晚于今天，请填写已开展工作的日期`, { field: 'date' });
  return { kind, content, date, ...(quantity ? { quantity } : {}) };
}
