import { AppError } from '../../errors.js';
import { clip } from '../text/clean-input.js';
import { parseDay } from './day-text.js';
import { RECORD_KINDS, recordKindOf, type RecordKind } from './record-kinds.js';

export const RECORD_CONTENT_MAX = 500;

export const RECORD_USAGE = `用法：/记录 <类型> <内容> [日期]，类型可选：${RECORD_KINDS.map((k) => k.label).join('、')}。例如：/记录 合同审查 审查某项目投资协议 2023-05-06`;

export interface RecordInput {
  kind: RecordKind;
  content: string;
  /** 'YYYY-MM-DD'; today when the user gave none. */
  date: string;
}

/** `<类型> <内容> [日期]` → a record, or an AppError naming what is wrong. `today` bounds the date. */
export function parseRecordArgs(args: string, today: string): RecordInput {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new AppError('invalid_input', RECORD_USAGE, { field: 'kind' });
  const kind = recordKindOf(words[0]!);
  if (!kind) throw new AppError('invalid_input', `未识别的记录类型「${clip(words[0]!)}」。${RECORD_USAGE}`, { field: 'kind' });
  let rest = words.slice(1);
  let date = today;
  const lastDay = rest.length > 1 ? parseDay(rest[rest.length - 1]!) : undefined;
  if (lastDay) {
    date = lastDay;
    rest = rest.slice(0, -1);
  } else if (rest.length === 1 && parseDay(rest[0]!)) {
    throw new AppError('invalid_input', `请填写记录内容。${RECORD_USAGE}`, { field: 'content' });
  }
  const content = rest.join(' ').trim();
  if (!content) throw new AppError('invalid_input', `请填写记录内容。${RECORD_USAGE}`, { field: 'content' });
  if (content.length > RECORD_CONTENT_MAX) throw new AppError('invalid_input', `记录内容不能超过${RECORD_CONTENT_MAX}字`, { field: 'content' });
  if (date > today) throw new AppError('invalid_input', `日期「${date}」晚于今天，请填写已开展工作的日期`, { field: 'date' });
  return { kind, content, date };
}
