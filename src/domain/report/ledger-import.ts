import { CATEGORIES, type Category } from '../cases/categories.js';
import { FOLLOWUP_METHODS, methodOf, OPINION_MAX, SATISFACTIONS, satisfactionOf, type FollowupMethod, type Satisfaction } from '../cases/followup.js';
import { LIMITS } from '../cases/report-form.js';
import { clip } from '../text/clean-input.js';
import { deadlineFor } from '../deadlines/deadline-table.js';
import { parseDay } from './day-text.js';

/** One validated ledger row, ready to be stored as a case. */
export interface ImportCase {
  /** Line in the file (header = 1), for error reports. */
  line: number;
  code: string;
  year: number;
  seq: number;
  enterprise: string;
  category: Category;
  receivedDate: string;
  resolvedDate: string | null;
  deadline: string;
  /** Working days of the category's rule when the deadline was computed by it (no 办理期限 in the file), else null. */
  ruleDays: number | null;
  content: string | null;
  department: string | null;
  /** The 回访 of its resolution, when the ledger has one. */
  followup: ImportFollowup | null;
}

export interface ImportFollowup {
  method: FollowupMethod | null;
  visitDate: string;
  satisfaction: Satisfaction;
  opinion: string | null;
}

export interface RowError {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  message: string;
}

const REQUIRED = { code: '编号', enterprise: '企业名称', category: '诉求类别', received: '受理日期', resolved: '办结日期', inTime: '是否在时限内' } as const;
const OPTIONAL = { deadline: '办理期限', content: '诉求内容', department: '承办科室' } as const;
/** The ledger's 回访 columns (optional: a ledger from before 回访 has none). 回访情况 is derived and not read. */
const FOLLOWUP = { method: '回访方式', date: '回访日期', satisfaction: '满意度', opinion: '企业意见' } as const;

/** The row's 回访, or problems with it; null when its 回访 cells are all empty. */
function followupOf(cell: (name: string) => string, resolved: string | null, today: string, problems: string[]): ImportFollowup | null {
  const [methodCell, dateCell, satisfactionCell, opinion] = [cell(FOLLOWUP.method), cell(FOLLOWUP.date), cell(FOLLOWUP.satisfaction), cell(FOLLOWUP.opinion)];
  if (!methodCell && !dateCell && !satisfactionCell && !opinion) return null;
  const before = problems.length;
  if (!resolved) problems.push('填写了回访信息，但没有办结日期：回访在办结之后');
  const method = methodCell ? methodOf(methodCell) : null;
  if (method === undefined) problems.push(`回访方式「${clip(methodCell)}」应为：${FOLLOWUP_METHODS.map((m) => m.label).join('、')}`);
  const visitDate = parseDay(dateCell);
  if (!visitDate) problems.push(dateCell ? `回访日期「${clip(dateCell)}」不是有效日期` : '填写了回访信息，但没有回访日期');
  else if (resolved && visitDate < resolved) problems.push(`回访日期 ${visitDate} 早于办结日期`);
  else if (visitDate > today) problems.push(`回访日期 ${visitDate} 晚于今天`);
  const satisfaction = satisfactionOf(satisfactionCell);
  if (!satisfaction) problems.push(`满意度「${clip(satisfactionCell)}」应为：${SATISFACTIONS.map((x) => x.label).join('、')}`);
  // 不满意 reopens a case: a resolved row cannot carry it as its standing 回访.
  else if (satisfaction === 'dissatisfied') problems.push('满意度为“不满意”的诉求应重新办理，不能以已办结导入：请填写重新办结后的办结日期和回访，或在机器人中回访');
  if ([...opinion].length > OPINION_MAX) problems.push(`${FOLLOWUP.opinion}不能超过${OPINION_MAX}字`);
  if (problems.length > before) return null;
  return { method: method ?? null, visitDate: visitDate!, satisfaction: satisfaction!, opinion: opinion || null };
}
export const ENTERPRISE_MAX = 100;

function categoryOf(cell: string): Category | undefined {
  const c = cell.trim();
  return CATEGORIES.find((x) => x.value === c || x.label === c)?.value;
}

/**
 * Pure: the rows of a ledger file (first row = headers, the appendix's columns, plus optional
 * 办理期限, 诉求内容, 承办科室 and the 回访 columns of the .xlsx ledger) → the cases to import,
 * or every bad row with its reason.
 * Without 办理期限 the deadline is computed by the category's rule, as for a case registered in
 * chat; when the ledger's 「是否在时限内」 disagrees with it, the row must give its 办理期限.
 */
export function validateLedger(rows: string[][], today: string): { cases: ImportCase[]; errors: RowError[] } {
  // rows[i] is line i + 1 of the file; the header is the first line with anything in it.
  const headerAt = Math.max(0, rows.findIndex((r) => r.some((c) => c.trim() !== '')));
  const header = (rows[headerAt] ?? []).map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const missing = Object.values(REQUIRED).filter((h) => col(h) < 0);
  if (missing.length) return { cases: [], errors: [{ line: headerAt + 1, message: `缺少列：${missing.join('、')}（表头应为：${Object.values(REQUIRED).join('、')}）` }] };

  const cases: ImportCase[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.slice(headerAt + 1).forEach((raw, i) => {
    const line = headerAt + i + 2;
    const cell = (name: string) => (col(name) >= 0 ? (raw[col(name)] ?? '').trim() : '');
    if (raw.every((c) => !c.trim())) return;
    const problems: string[] = [];
    const code = cell(REQUIRED.code).toUpperCase();
    // Exactly the codes the bot gives (formatCaseCode): /诉求 reads only these, and a longer
    // sequence would leave no code for the year's next case registered in chat.
    const m = /^QY(\d{4})-(?!0000)(\d{4})$/.exec(code);
    if (!m) problems.push(`编号「${clip(code)}」应为 QY年份-四位序号，如 QY2023-0007`);
    else if (seen.has(code)) problems.push(`编号 ${code} 与第${seen.get(code)}行重复`);
    else seen.set(code, line);
    const enterprise = cell(REQUIRED.enterprise);
    if (!enterprise) problems.push('企业名称为空');
    else if (enterprise.length > ENTERPRISE_MAX) problems.push(`企业名称超过${ENTERPRISE_MAX}字`);
    const category = categoryOf(cell(REQUIRED.category));
    if (!category) problems.push(`诉求类别「${clip(cell(REQUIRED.category))}」不在：${CATEGORIES.map((c) => c.label).join('、')}`);
    const received = parseDay(cell(REQUIRED.received));
    if (!received) problems.push(`受理日期「${clip(cell(REQUIRED.received))}」不是有效日期`);
    else if (received > today) problems.push(`受理日期 ${received} 晚于今天`);
    else if (m && Number(m[1]) !== Number(received.slice(0, 4))) problems.push(`编号年份 ${m[1]} 与受理日期 ${received} 不符`);
    const resolvedCell = cell(REQUIRED.resolved);
    const resolved = resolvedCell ? parseDay(resolvedCell) : null;
    if (resolvedCell && !resolved) problems.push(`办结日期「${clip(resolvedCell)}」不是有效日期`);
    else if (resolved && received && resolved < received) problems.push(`办结日期 ${resolved} 早于受理日期`);
    else if (resolved && resolved > today) problems.push(`办结日期 ${resolved} 晚于今天`);
    const inTime = cell(REQUIRED.inTime);
    const deadlineCell = cell(OPTIONAL.deadline);
    const rule = !deadlineCell && category && received ? deadlineFor(category, received) : undefined;
    const deadline = deadlineCell ? parseDay(deadlineCell) : rule?.deadline;
    const whose = rule ? `按${REQUIRED.category}时限（${rule.days}个工作日）计算的办理期限` : '办理期限';
    if (deadlineCell && !deadline) problems.push(`办理期限「${clip(deadlineCell)}」不是有效日期`);
    else if (deadlineCell && deadline && received && deadline < received) problems.push(`办理期限 ${deadline} 早于受理日期`);
    if (resolved) {
      if (inTime !== '是' && inTime !== '否') problems.push(`已办结的诉求「是否在时限内」应填“是”或“否”，而不是「${clip(inTime)}」`);
      else if (deadline && (resolved <= deadline) !== (inTime === '是')) {
        problems.push(`「是否在时限内」为“${inTime}”，与办结日期 ${resolved} 和${whose} ${deadline} 不符${rule ? '，请在「办理期限」列填写实际期限' : ''}`);
      }
    } else if (!resolvedCell && inTime && !inTime.startsWith('未办结')) {
      problems.push(`未填写办结日期时「是否在时限内」应为空或“未办结”，而不是「${clip(inTime)}」`);
    }
    // The limits of the report card: a longer text would break the case card later.
    if ([...cell(OPTIONAL.content)].length > LIMITS.content) problems.push(`${OPTIONAL.content}不能超过${LIMITS.content}字`);
    if ([...cell(OPTIONAL.department)].length > LIMITS.department) problems.push(`${OPTIONAL.department}不能超过${LIMITS.department}字`);
    const followup = followupOf(cell, resolved ?? null, today, problems);
    if (problems.length) return void errors.push({ line, message: problems.join('；') });
    cases.push({
      line, code, year: Number(m![1]), seq: Number(m![2]), enterprise, category: category!, receivedDate: received!, resolvedDate: resolved ?? null,
      deadline: deadline!, ruleDays: rule?.days ?? null, content: cell(OPTIONAL.content) || null, department: cell(OPTIONAL.department) || null,
      followup,
    });
  });
  return { cases, errors };
}
