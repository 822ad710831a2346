import { z } from 'zod';
import { AppError } from '../../errors.js';
import { addDays } from '../dates/days.js';
import { isWorkingDayLenient } from '../deadlines/lenient-days-left.js';
import { pickedDay, requiredText } from './report-form.js';

/** 回访 after 办结: how the enterprise was asked, and how it judged the help. */

export const FOLLOWUP_METHODS = [
  { value: 'phone', label: '电话' },
  { value: 'visit', label: '上门' },
  { value: 'online', label: '线上' },
] as const;

export const SATISFACTIONS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basic', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
] as const;

export type FollowupMethod = (typeof FOLLOWUP_METHODS)[number]['value'];
export type Satisfaction = (typeof SATISFACTIONS)[number]['value'];

/** 企业意见 is optional and at most this long (characters). */
export const OPINION_MAX = 500;

export const methodLabel = (v: string | null) => FOLLOWUP_METHODS.find((m) => m.value === v)?.label ?? '方式未记录';
export const satisfactionLabel = (v: string) => SATISFACTIONS.find((s) => s.value === v)?.label ?? v;
/** 满意 and 基本满意 both count towards the 满意率. */
export const isSatisfied = (v: string) => v === 'satisfied' || v === 'basic';

const byLabelOrValue = <T extends { value: string; label: string }>(list: readonly T[], cell: string) => list.find((x) => x.value === cell || x.label === cell)?.value;
export const methodOf = (cell: string) => byLabelOrValue(FOLLOWUP_METHODS, cell.trim()) as FollowupMethod | undefined;
export const satisfactionOf = (cell: string) => byLabelOrValue(SATISFACTIONS, cell.trim()) as Satisfaction | undefined;

export interface FollowupInput {
  method: FollowupMethod;
  visitDate: string;
  satisfaction: Satisfaction;
  opinion: string | null;
}

const text = z.preprocess((v) => (typeof v === 'string' ? v.trim() : undefined), z.string().optional());
const formSchema = z.object({ followup_method: text, followup_date: text, satisfaction: text, opinion: text });

function fail(field: string, message: string): never {
  throw new AppError('invalid_input', message, { field });
}

/**
 * The 回访 form, checked: a known 方式 and 满意度, a 回访日期 not before the 办结 date and not in
 * the future (none picked means today), and an optional 意见 of at most OPINION_MAX characters.
 */
export function parseFollowupForm(raw: unknown, o: { today: string; resolvedDate: string }): FollowupInput {
  const f = formSchema.parse(raw ?? {});
  if (!f.followup_method) fail('followup_method', '请选择回访方式');
  const method = methodOf(f.followup_method);
  if (!method) fail('followup_method', '回访方式无效，请从列表中选择');
  const visitDate = pickedDay(f.followup_date, 'followup_date', { today: o.today, notBefore: o.resolvedDate, notBeforeLabel: `办结日期（${o.resolvedDate}）` });
  if (!f.satisfaction) fail('satisfaction', '请选择满意度');
  const satisfaction = satisfactionOf(f.satisfaction);
  if (!satisfaction) fail('satisfaction', '满意度无效，请从列表中选择');
  const opinion = f.opinion ? requiredText(f.opinion, 'opinion', OPINION_MAX) : null;
  return { method, visitDate, satisfaction, opinion };
}

/** The history note of a 回访: 「电话回访（2024-01-05）：满意。企业意见：…」. */
export function followupNote(f: { method: string | null; visitDate: string; satisfaction: string; opinion: string | null }): string {
  const how = f.method ? `${methodLabel(f.method)}回访` : '回访';
  return `${how}（${f.visitDate}）：${satisfactionLabel(f.satisfaction)}${f.opinion ? `。企业意见：${f.opinion}` : ''}`;
}

/**
 * Resolutions older than this many days are not chased for a 回访: asked months later, an
 * enterprise says little about the help it got, and on the day this feature arrives every
 * earlier resolution would otherwise be listed at once. The figures count every 回访 recorded.
 */
export const FOLLOWUP_LOOKBACK_DAYS = 90;

/**
 * The latest 办结日期 whose case is 待回访 today: `days` working days must lie after it, up to
 * and including today. Years without an official calendar count Monday to Friday.
 */
export function followupDueCutoff(today: string, days: number): string {
  let d = today;
  for (let counted = 0; counted < days; d = addDays(d, -1)) if (isWorkingDayLenient(d).working) counted++;
  return d;
}
