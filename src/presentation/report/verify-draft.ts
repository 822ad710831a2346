import { DecodeUTF8, Unzip, UnzipInflate } from 'fflate';
import type { LedgerTally } from '../../domain/report/ledger-tally.js';
import { percent } from '../../domain/report/percent.js';
import type { ReturnedCase } from '../../domain/report/returned-case.js';
import type { YearFigures } from '../../domain/report/year-figures.js';
import { appendixTitle } from './ledger-columns.js';
import { draftText, type Draft } from './render-draft.js';

/** One figure that disagrees: what the appendix rows (or the post) say against what the draft says. */
export interface Mismatch {
  figure: string;
  expected: string;
  actual: string;
}

/** Compressed bytes fed to the unzipper at once: the inflated text of a slice stays well under a MB. */
const SLICE = 16 * 1024;

const numbers = (s: string) => [...s.matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]);

/**
 * The visible text of the .docx body before the appendix (comments live in comments.xml, not
 * here). The file is fed to the unzipper in small slices and document.xml inflated only up to
 * the appendix title: over 100,000 cases the whole of it is tens of MB the check does not need.
 */
export function docxBodyText(docx: Uint8Array, year: number): string {
  const title = appendixTitle(year);
  let xml = '';
  let found = false;
  const text = new DecodeUTF8((s) => {
    if (found) return;
    xml += s;
    found = xml.includes(title);
  });
  const unzip = new Unzip((file) => {
    if (file.name !== 'word/document.xml') return;
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      if (!found) text.push(chunk, final);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let at = 0; at < docx.length && !found; at += SLICE) unzip.push(docx.subarray(at, at + SLICE), at + SLICE >= docx.length);
  const body = xml.slice(0, xml.indexOf(title));
  return [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/**
 * Pure: every figure recomputed from the appendix rows (counted as they were written into the
 * .docx: `appendix`) and compared with the figures the text was written from (SQL counts), then
 * the numbers of the post compared with those of the .docx, in order. An empty list means the
 * draft may be sent.
 */
export function verifyDraft(i: { figures: YearFigures; appendix: LedgerTally; returned: ReturnedCase[]; draft: Draft; docx: Uint8Array }): Mismatch[] {
  const f = i.figures;
  const out: Mismatch[] = [];
  const same = (figure: string, expected: unknown, actual: unknown) => {
    if (String(expected) !== String(actual)) out.push({ figure, expected: String(expected), actual: String(actual) });
  };
  const a = i.appendix;
  const marks = (m: keyof LedgerTally['marks']) => a.marks[m];
  const resolved = marks('是') + marks('否');
  same('诉求总数', a.rows, f.total);
  same('已办结数', resolved, f.resolved);
  same('按时办结数', marks('是'), f.withinDeadline);
  same('逾期办结数', marks('否'), f.resolvedLate);
  same('逾期未办结数', marks('未办结（已超期）'), f.openOverdue);
  same('退回数', i.returned.length, f.returned);
  same('办结率', percent(resolved, a.rows), f.resolutionRate);
  same('按时办结率', percent(marks('是'), resolved), f.withinDeadlineRate);
  same('各类别件数之和', f.total, f.categories.reduce((n, c) => n + c.count, 0));
  for (const c of f.categories) {
    const rows = a.category(c.category);
    same(`${c.label}件数`, rows.count, c.count);
    same(`${c.label}已办结数`, rows.resolved, c.resolved);
  }
  const v = a.followups;
  const visits = v.satisfied + v.basic + v.dissatisfied;
  same('回访家次', visits, f.followups.total);
  same('满意及基本满意家次', v.satisfied + v.basic, f.followups.content);
  same('满意率', percent(v.satisfied + v.basic, visits), f.followups.rate);
  const post = numbers(draftText(i.draft));
  const docx = numbers(docxBodyText(i.docx, f.year));
  if (post.join(' ') !== docx.join(' ')) {
    const at = post.findIndex((n, k) => docx[k] !== n);
    same(`文字稿与 Word 文件中的第${(at < 0 ? post.length : at) + 1}个数字`, post[at] ?? '（无）', docx[at < 0 ? post.length : at] ?? '（无）');
  }
  return out;
}
