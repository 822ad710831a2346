import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';

dayjs.extend(customParseFormat);

const FORMATS = ['YYYY-MM-DD', 'YYYY-M-D', 'YYYY/M/D', 'YYYY.M.D', 'YYYY年M月D日'];

/**
 * A day as people type it in chat or in a ledger cell (2023-03-14, 2023/3/14, 2023年3月14日,
 * `2023-03-14 +0800` from a date picker) → 'YYYY-MM-DD', or undefined when it is not a real day.
 */
export function parseDay(input: string): string | undefined {
  const s = input.trim().replace(/\s*[+-]\d{4}$/, '');
  for (const f of FORMATS) {
    const d = dayjs(s, f, true);
    if (d.isValid()) return d.format('YYYY-MM-DD');
  }
  return undefined;
}

/** 2023-03-14 → 2023年3月14日 (the way a 公文 writes a date). */
export function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
