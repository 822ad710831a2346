import type { YearFigures } from '../../domain/report/year-figures.js';

/**
 * Records that may support a fixed sentence of the template (「{{#督查}}常态化开展日常督查{{/督查}}」):
 * the name used in the template, what the 请核实 note calls the record, and whether the year has one.
 */
export const CLAIMS = {
  学法: { record: '会前学法', has: (f: YearFigures) => f.study.sessions > 0 },
  督查: { record: '督查', has: (f: YearFigures) => f.records.inspection > 0 },
  专题推进会议: { record: '专题推进会议', has: (f: YearFigures) => f.records.meeting > 0 },
  培训座谈: { record: '业务培训、企业座谈', has: (f: YearFigures) => f.records.training > 0 },
  政务公开: { record: '政务公开', has: (f: YearFigures) => f.records.disclosure > 0 },
  合同审查: { record: '合同审查（法律顾问）', has: (f: YearFigures) => f.records.contract_review > 0 },
  回访: { record: '办结后回访', has: (f: YearFigures) => f.followups.total > 0 },
} as const;

export type ClaimName = keyof typeof CLAIMS;

export const isClaim = (name: string): name is ClaimName => name in CLAIMS;
