/** Enterprise cases in the store: what other features call. */
export { createCase, type NewCase } from './create-case.js';
export { findCaseByCode, findCaseBySourceKey, listOpenCasesFor, listOpenCases, listCasesReceivedIn } from './find-cases.js';
export { acceptCase, resolveCase, returnCase, extendCase, assignCase, recordCaseEvent, type ChangeResult } from './change-case.js';
export { findOrCreateEnterprise } from './enterprises.js';
export type { CaseRecord, CaseWithHistory } from './case-types.js';
