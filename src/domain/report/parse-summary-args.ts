import { AppError } from '../../errors.js';
import { clip } from '../text/clean-input.js';
import { yearWord } from '../dates/year-word.js';

export const SUMMARY_USAGE = '用法：/总结 [年份] [台账]，例如：/总结 2023，或 /总结 2023 台账（另附 Excel 台账）；管理员：/总结 2023 定稿，/总结 2023 撤销定稿 理由';

/** The longest reason kept for 撤销定稿 (it goes into the seal history). */
export const MAX_REOPEN_REASON = 200;

export interface SummaryArgs {
  year: number;
  ledger: boolean;
  /** 定稿 seals the year's draft, 撤销定稿 lifts the seal (with a reason). */
  action?: 'seal' | 'reopen';
  reason?: string;
}

/** `[年] [台账]`, or `<年> 定稿`, or `<年> 撤销定稿 <理由>` → what /总结 should do. */
export function parseSummaryArgs(args: string, thisYear: number): SummaryArgs {
  let year = thisYear;
  let ledger = false;
  let yearTyped = false;
  const words = args.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const typed = yearWord(word);
    if (typed !== undefined) {
      year = typed;
      yearTyped = true;
    } else if (word === '台账' || word.toLowerCase() === 'xlsx') ledger = true;
    else if (word === '定稿' || word === '撤销定稿') {
      // Sealing is about one named year: never the default one by accident.
      if (!yearTyped) throw new AppError('invalid_input', `请写明年份，例如：/总结 ${thisYear - 1} ${word}`, { field: 'year' });
      checkYear(year, thisYear);
      if (word === '定稿') {
        if (i < words.length - 1) throw new AppError('invalid_input', `「定稿」后不需要其他内容。${SUMMARY_USAGE}`, { field: 'action' });
        return { year, ledger: false, action: 'seal' };
      }
      const reason = words.slice(i + 1).join(' ').replace(/\p{Cc}/gu, '').trim();
      if (!reason) throw new AppError('invalid_input', `撤销定稿须写明理由，例如：/总结 ${year} 撤销定稿 更正QY${year}-0012的受理日期`, { field: 'reason' });
      if (reason.length > MAX_REOPEN_REASON) throw new AppError('invalid_input', `理由不能超过${MAX_REOPEN_REASON}个字`, { field: 'reason' });
      return { year, ledger: false, action: 'reopen', reason };
    } else throw new AppError('invalid_input', `无法识别「${clip(word)}」。${SUMMARY_USAGE}`, { field: 'year' });
  }
  checkYear(year, thisYear);
  return { year, ledger };
}

function checkYear(year: number, thisYear: number): void {
  if (year > thisYear) throw new AppError('invalid_input', `${year}年尚未开始，无法生成总结。${SUMMARY_USAGE}`, { field: 'year' });
  if (year < 2000) throw new AppError('invalid_input', `年份「${year}」有误。${SUMMARY_USAGE}`, { field: 'year' });
}
