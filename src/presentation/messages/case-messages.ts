import { categoryLabel } from '../../domain/cases/categories.js';
import type { CaseRecord } from '../../store/cases/case-types.js';
import { timelinessPhrase } from '../cards/case-text.js';
import { escapeMarkdown } from '../cards/escape-markdown.js';

/** The direct message every leader gets when a case is resolved. */
export function caseResolvedText(c: CaseRecord): string {
  return [
    `【企业诉求办结】${c.code}`,
    `企业：${c.enterprise.name}`,
    `类别：${categoryLabel(c.category)}`,
    `办结情况：${c.resolution ?? ''}`,
    `办结日期：${c.resolvedDate ?? ''}（${timelinessPhrase(c)}，办理期限${c.deadline}）`,
  ].join('\n');
}

/** The notice (card markdown) on the case card sent to a newly assigned person. */
export function caseAssignedNotice(c: CaseRecord): string {
  return `您已被指派为诉求 **${c.code}**（${escapeMarkdown(c.enterprise.name)}）的承办人，请在 ${c.deadline} 前办结。`;
}

/** The direct message the owner and every leader get when a 不满意 回访 reopens a case. */
export function caseReopenedText(c: CaseRecord, followup: string): string {
  return [
    `【回访不满意，重新办理】${c.code}`,
    `企业：${c.enterprise.name}`,
    `类别：${categoryLabel(c.category)}`,
    `回访：${followup}`,
    `新办理期限：${c.deadline}（${c.deadlineDays}个工作日${c.deadlineProvisional ? '，暂按仅扣除周末计算' : ''}）`,
    `请发送 /诉求 ${c.code} 查看并重新办理。`,
  ].join('\n');
}
