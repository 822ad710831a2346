import { AppError } from '../../errors.js';
import { clip } from '../text/clean-input.js';
import { yearWord } from '../dates/year-word.js';

export const SUMMARY_USAGE = '用法：/总结 [年份] [台账]，例如：/总结 2023，或 /总结 2023 台账（另附 Excel 台账）';

/** `[年] [台账]` → the year (default: this year) and whether the .xlsx ledger is wanted. */
export function parseSummaryArgs(args: string, thisYear: number): { year: number; ledger: boolean } {
  let year = thisYear;
  let ledger = false;
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const typed = yearWord(word);
    if (typed !== undefined) year = typed;
    else if (word === '台账' || word.toLowerCase() === 'xlsx') ledger = true;
    else throw new AppError('invalid_input', `无法识别「${clip(word)}」。${SUMMARY_USAGE}`, { field: 'year' });
  }
  if (year > thisYear) throw new AppError('invalid_input', `${year}年尚未开始，无法生成总结。${SUMMARY_USAGE}`, { field: 'year' });
  if (year < 2000) throw new AppError('invalid_input', `年份「${year}」有误。${SUMMARY_USAGE}`, { field: 'year' });
  return { year, ledger };
}
