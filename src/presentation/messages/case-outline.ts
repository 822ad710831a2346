import { categoryLabel, statusLabel } from '../../domain/cases/categories.js';
import { deadlineStatePhrase, type DeadlineFacts } from '../cards/case-text.js';

/**
 * What anyone may see of a case they do not handle: code, enterprise, category, status and
 * deadline. Content, resolution and history stay with the parties, admins and leaders.
 */
export function caseOutlineText(c: DeadlineFacts & { code: string; category: string; enterprise: { name: string } }, today: string): string {
  const state = deadlineStatePhrase(c, today);
  return [
    `企业诉求 ${c.code}`,
    `企业名称：${c.enterprise.name}`,
    `诉求类别：${categoryLabel(c.category)}`,
    `办理状态：${statusLabel(c.status)}`,
    `办理期限：${c.deadline}${state ? `（${state}）` : ''}`,
    '诉求内容和办理记录仅登记人、承办人、管理员和分管领导可查看。',
  ].join('\n');
}
