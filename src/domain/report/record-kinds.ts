/**
 * The other rule-of-law work the year-end draft reports besides enterprise requests and
 * study sessions; staff log each item with `/记录 <类型> <内容> [数量] [日期]`. `units` are the
 * units a quantity of that kind may be given in (the first is the one totals are said in); an
 * entry without a quantity counts as one.
 */
export const RECORD_KINDS = [
  { value: 'contract_review', label: '合同审查', units: ['件', '份', '项'], aliases: ['合同审查', '合同', '合同审核', '协议审查'] },
  { value: 'disclosure', label: '政务公开', units: ['条', '篇', '项'], aliases: ['政务公开', '信息公开', '公开'] },
  { value: 'meeting', label: '专题推进会议', units: ['次', '场'], aliases: ['专题推进会议', '专题推进会', '推进会', '专题会议'] },
  { value: 'inspection', label: '督查', units: ['次', '项'], aliases: ['督查', '督察', '督导'] },
  { value: 'training', label: '培训座谈', units: ['场', '次', '期'], aliases: ['培训座谈', '培训', '座谈', '座谈会', '培训会'] },
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number]['value'];

export const RECORD_KIND_VALUES = RECORD_KINDS.map((k) => k.value) as RecordKind[];

/** The kind a user typed (label or alias, `/` between 培训/座谈 allowed), or undefined. */
export function recordKindOf(typed: string): RecordKind | undefined {
  const t = typed.trim().replace(/[／/、]/g, '');
  return RECORD_KINDS.find((k) => (k.aliases as readonly string[]).includes(t))?.value;
}

export function recordKindLabel(kind: string): string {
  return RECORD_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/** Units a quantity of `kind` may be given in; the first is the unit of the year's total. */
export function recordUnits(kind: string): readonly string[] {
  return RECORD_KINDS.find((k) => k.value === kind)?.units ?? ['项'];
}

/** One logged entry as the draft counts and cites it. */
export interface WorkRecordEntry {
  kind: string;
  date: string;
  content: string;
  quantity: number | null;
  unit: string | null;
}
