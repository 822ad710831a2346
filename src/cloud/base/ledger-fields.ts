import { CATEGORIES, categoryLabel } from '../../domain/cases/categories.js';
import { minuteIn } from '../../domain/dates/days.js';
import { isOpenId } from '../../domain/people/open-id.js';
import { handlingWorkingDays } from '../../domain/report/handling-time.js';
import type { RecordFields, TableBody } from '../../transport/cloud-api.js';

/*
 * The Base table 「企业诉求台账」 (bitable: app.table create, app.table.record fields). Field
 * types: 1 text, 2 number, 3 single select, 5 date, 7 checkbox, 11 person. The bot owns these
 * fields and writes only them: columns the office adds (批示, 备注…) are never touched.
 */
export const LEDGER_TABLE = '企业诉求台账';

export const FIELD = { text: 1, number: 2, singleSelect: 3, date: 5, checkbox: 7, person: 11 } as const;

export const STATUS_LABEL: Record<string, string> = { registered: '待受理', in_progress: '办理中', resolved: '已办结', returned: '已退回' };

const options = (names: string[]) => ({ options: names.map((name) => ({ name })) });
const date = { date_formatter: 'yyyy/MM/dd' };
const whole = { formatter: '0' };

/** The fields in order; the first (编号) is the table's primary field. */
export const LEDGER_FIELDS = [
  { field_name: '编号', type: FIELD.text },
  { field_name: '企业名称', type: FIELD.text },
  { field_name: '诉求类别', type: FIELD.singleSelect, property: options(CATEGORIES.map((c) => c.label)) },
  { field_name: '诉求内容', type: FIELD.text },
  { field_name: '受理日期', type: FIELD.date, property: date },
  { field_name: '办理期限', type: FIELD.date, property: date },
  { field_name: '状态', type: FIELD.singleSelect, property: options(Object.values(STATUS_LABEL)) },
  { field_name: '上报人', type: FIELD.person, property: { multiple: false } },
  { field_name: '承办人', type: FIELD.person, property: { multiple: false } },
  { field_name: '办结日期', type: FIELD.date, property: date },
  { field_name: '是否在时限内', type: FIELD.checkbox },
  { field_name: '办理用时（工作日）', type: FIELD.number, property: whole },
  { field_name: '督办次数', type: FIELD.number, property: whole },
] as const;

export const OWNED_FIELDS: readonly string[] = LEDGER_FIELDS.map((f) => f.field_name);

export function ledgerTableBody(): TableBody {
  return { table: { name: LEDGER_TABLE, default_view_name: '全部诉求', fields: LEDGER_FIELDS.map((f) => ({ ...f })) } };
}

/** What a record is made from: a case as the store has it. */
export interface LedgerCaseRow {
  code: string;
  enterprise: { name: string };
  category: string;
  content: string;
  receivedDate: string;
  deadline: string;
  status: string;
  reporterId: string;
  assigneeId: string | null;
  resolvedDate: string | null;
  history: Array<{ kind: string }>;
}

/** 00:00 of a day in the zone, in ms: what a Base date field holds. */
export function dayStartMs(day: string, tz: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const local = Date.parse(`${minuteIn(new Date(guess), tz).replace(' ', 'T')}:00Z`);
  return guess - (local - guess);
}

/**
 * The record's fields. Empty values are null, which clears a field on update (a case reopened
 * by 回访 loses its 办结日期); a create leaves them out.
 */
export function recordFields(c: LedgerCaseRow, tz: string): Record<string, RecordFields[string] | null> {
  const resolved = c.status === 'resolved' && c.resolvedDate !== null;
  return {
    编号: c.code,
    企业名称: c.enterprise.name,
    诉求类别: categoryLabel(c.category),
    诉求内容: c.content,
    受理日期: dayStartMs(c.receivedDate, tz),
    办理期限: dayStartMs(c.deadline, tz),
    状态: STATUS_LABEL[c.status] ?? c.status,
    // Imported cases name no person (their reporter is the import): the field stays empty.
    上报人: isOpenId(c.reporterId) ? [{ id: c.reporterId }] : null,
    承办人: c.assigneeId && isOpenId(c.assigneeId) ? [{ id: c.assigneeId }] : null,
    办结日期: resolved ? dayStartMs(c.resolvedDate!, tz) : null,
    是否在时限内: resolved && c.resolvedDate! <= c.deadline,
    '办理用时（工作日）': resolved ? handlingWorkingDays(c.receivedDate, c.resolvedDate!) : null,
    督办次数: c.history.filter((h) => h.kind === 'escalate').length,
  };
}

/** For a create: the fields with a value. */
export function presentFields(f: Record<string, RecordFields[string] | null>): RecordFields {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== null)) as RecordFields;
}

/** For an update: every owned field, null clearing (the SDK's type has no null; the Open API takes it). */
export const updateFields = (f: Record<string, RecordFields[string] | null>) => f as RecordFields;

/** A Base value read back, in the form recordFields writes (list answers give persons as objects, text as itself). */
function normalized(v: unknown): unknown {
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return null;
  if (Array.isArray(v) && v.every((x) => typeof x === 'object' && x && 'text' in x)) return v.map((x) => String((x as { text: unknown }).text)).join('');
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x && 'id' in x ? { id: (x as { id: string }).id } : x));
  return v;
}

/** Owned fields whose value in the table differs from the store's (a hand edit, a missed update). */
export function changedFields(want: Record<string, unknown>, have: Record<string, unknown>): string[] {
  return OWNED_FIELDS.filter((k) => JSON.stringify(normalized(want[k])) !== JSON.stringify(normalized(have[k])) && !(want[k] === false && normalized(have[k]) === null));
}
