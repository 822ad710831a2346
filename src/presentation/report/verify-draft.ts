import { strFromU8, unzipSync } from 'fflate';
import { percent } from '../../domain/report/percent.js';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import type { LedgerEntry, YearFigures } from '../../domain/report/year-figures.js';
import { appendixTitle } from './ledger-columns.js';
import { draftText, type Draft } from './render-draft.js';

/** One figure that disagrees: what the appendix rows (or the post) say against what the draft says. */
export interface Mismatch {
  figure: string;
  expected: string;
  actual: string;
}

const numbers = (s: string) => [...s.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

/** The visible text of the .docx body before the appendix (comments live in comments.xml, not here). */
export function docxBodyText(docx: Uint8Array, year: number): string {
  const xml = strFromU8(unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!);
  const body = xml.slice(0, xml.indexOf(appendixTitle(year)));
  return [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/**
 * Pure: every figure recomputed from the appendix rows and compared with the figures the text
 * was written from, then the numbers of the post compared with those of the .docx, in order.
 * An empty list means the draft may be sent.
 */
export function verifyDraft(i: { figures: YearFigures; rows: LedgerEntry[]; returned: ReturnedCase[]; draft: Draft; docx: Uint8Array }): Mismatch[] {
  const f = i.figures;
  const out: Mismatch[] = [];
  const same = (figure: string, expected: unknown, actual: unknown) => {
    if (String(expected) !== String(actual)) out.push({ figure, expected: String(expected), actual: String(actual) });
  };
  const marks = (m: string) => i.rows.filter((r) => r.withinDeadline === m).length;
  const resolved = marks('是') + marks('否');
  same('诉求总数', i.rows.length, f.total);
  same('已办结数', resolved, f.resolved);
  same('按时办结数', marks('是'), f.withinDeadline);
  same('逾期办结数', marks('否'), f.resolvedLate);
  same('逾期未办结数', marks('未办结（已超期）'), f.openOverdue);
  same('退回数', i.returned.length, f.returned);
  same('办结率', percent(resolved, i.rows.length), f.resolutionRate);
  same('按时办结率', percent(marks('是'), resolved), f.withinDeadlineRate);
  same('各类别件数之和', f.total, f.categories.reduce((n, c) => n + c.count, 0));
  for (const c of f.categories) {
    const rows = i.rows.filter((r) => r.category === c.category);
    same(`${c.label}件数`, rows.length, c.count);
    same(`${c.label}已办结数`, rows.filter((r) => r.withinDeadline === '是' || r.withinDeadline === '否').length, c.resolved);
  }
  const post = numbers(draftText(i.draft));
  const docx = numbers(docxBodyText(i.docx, f.year));
  if (post.join(' ') !== docx.join(' ')) {
    const at = post.findIndex((n, k) => docx[k] !== n);
    same(`文字稿与 Word 文件中的第${(at < 0 ? post.length : at) + 1}个数字`, post[at] ?? '（无）', docx[at < 0 ? post.length : at] ?? '（无）');
  }
  return out;
}
