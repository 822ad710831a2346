/** The six kinds of enterprise request, with the labels of the contract and the reference text. */
export const CATEGORIES = [
  { value: 'tax_policy', label: '增值税和企业所得税扶持政策兑现' },
  { value: 'staffing', label: '用人需求' },
  { value: 'infrastructure', label: '项目基础设施建设' },
  { value: 'premises', label: '办公厂房' },
  { value: 'schooling', label: '高管子女入学' },
  { value: 'other', label: '其他' },
] as const;

export type Category = (typeof CATEGORIES)[number]['value'];

export const CATEGORY_VALUES = CATEGORIES.map((c) => c.value) as [Category, ...Category[]];

export function isCategory(v: unknown): v is Category {
  return typeof v === 'string' && (CATEGORY_VALUES as string[]).includes(v);
}

export function categoryLabel(v: string): string {
  return CATEGORIES.find((c) => c.value === v)?.label ?? v;
}

/** Case statuses and their Chinese names. */
export const STATUS_LABELS = {
  registered: '登记',
  in_progress: '办理中',
  resolved: '已办结',
  returned: '退回',
} as const;

export type CaseStatus = keyof typeof STATUS_LABELS;

export function statusLabel(s: string): string {
  return (STATUS_LABELS as Record<string, string>)[s] ?? s;
}

/** Open cases still count against their deadline. */
export const OPEN_STATUSES: CaseStatus[] = ['registered', 'in_progress'];
