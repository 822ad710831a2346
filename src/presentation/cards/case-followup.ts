import { followupNote } from '../../domain/cases/followup.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import { escapeMarkdown } from './escape-markdown.js';

type Followed = Pick<CaseWithHistory, 'status' | 'resolutionNo' | 'followups'>;

/** A resolved case whose resolution has no 回访 yet: its card offers the 回访 form. */
export function needsFollowup(c: Followed): boolean {
  return c.status === 'resolved' && !(c.followups ?? []).some((f) => f.resolutionNo === c.resolutionNo);
}

/**
 * The card's 回访 line: the latest 回访 (of this resolution, or the 不满意 one that reopened the
 * case). The 企业意见 is left to the history row, which carries it once within the history's size budget.
 */
export function followupLines(c: Followed): string[] {
  const last = (c.followups ?? []).at(-1);
  if (!last) return [];
  const label = last.resolutionNo === c.resolutionNo ? '回访结果' : '上次回访';
  return [`**${label}**：${escapeMarkdown(followupNote({ ...last, opinion: null }))}`];
}
