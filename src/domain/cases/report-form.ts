import { z } from 'zod';
import { AppError } from '../../errors.js';
import { isCategory, type Category } from './categories.js';
import { pickerDay } from '../dates/days.js';

/** Limits of the report card's fields (characters). */
export const LIMITS = { enterprise: 100, content: 2000, department: 50, resolution: 2000, reason: 500 } as const;

/** The Chinese name of each form field, used in every error toast. */
export const FIELD_LABELS: Record<string, string> = {
  enterprise: '企业名称',
  category: '诉求类别',
  content: '诉求内容',
  received_date: '受理日期',
  department: '承办科室',
  resolution: '办结情况',
  resolved_date: '办结日期',
  reason: '原因',
  new_deadline: '新办理期限',
  assignee: '承办人',
  followup_method: '回访方式',
  followup_date: '回访日期',
  satisfaction: '满意度',
  opinion: '企业意见',
};

export interface ReportInput {
  enterprise: string;
  category: Category;
  content: string;
  receivedDate: string;
  department?: string;
}

function fail(field: string, message: string): never {
  throw new AppError('invalid_input', message, { field });
}

const optionalString = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v === null ? undefined : v), z.string().optional());

/** Raw form values as Lark sends them; anything else is ignored. */
const reportFormSchema = z.object({
  enterprise: optionalString,
  category: optionalString,
  content: optionalString,
  received_date: optionalString,
  department: optionalString,
});

/** A required text field of at most `max` characters. */
export function requiredText(value: string | undefined, field: string, max: number): string {
  const label = FIELD_LABELS[field] ?? field;
  if (!value) fail(field, `请填写${label}`);
  if ([...value].length > max) fail(field, `${label}不能超过${max}个字`);
  return value;
}

/**
 * A day from a date picker: absent means `today`; not after `today`; not before `notBefore`.
 */
export function pickedDay(value: string | undefined, field: string, bounds: { today: string; notBefore?: string; notBeforeLabel?: string }): string {
  const label = FIELD_LABELS[field] ?? field;
  if (!value) return bounds.today;
  const day = pickerDay(value);
  if (!day) fail(field, `${label}格式不正确，请用日期选择器选择`);
  if (day > bounds.today) fail(field, `${label}不能晚于今天（${bounds.today}）`);
  if (day < '2000-01-01') fail(field, `${label}不能早于2000年`);
  if (bounds.notBefore && day < bounds.notBefore) fail(field, `${label}不能早于${bounds.notBeforeLabel ?? bounds.notBefore}`);
  return day;
}

/** Validates the report card's form; throws an AppError naming the first bad field. */
export function parseReportForm(raw: unknown, today: string): ReportInput {
  const parsed = reportFormSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'enterprise');
    fail(field, `${FIELD_LABELS[field] ?? field}填写有误，请检查`);
  }
  const f = parsed.data;
  const enterprise = requiredText(f.enterprise, 'enterprise', LIMITS.enterprise);
  if (!f.category) fail('category', '请选择诉求类别');
  if (!isCategory(f.category)) fail('category', '诉求类别无效，请从列表中选择');
  const content = requiredText(f.content, 'content', LIMITS.content);
  const receivedDate = pickedDay(f.received_date, 'received_date', { today });
  let department: string | undefined;
  if (f.department) department = requiredText(f.department, 'department', LIMITS.department);
  return { enterprise, category: f.category, content, receivedDate, ...(department ? { department } : {}) };
}
