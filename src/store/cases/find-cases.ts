import { OPEN_STATUSES } from '../../domain/cases/categories.js';
import type { Db } from '../database.js';
import { withEnterprise, withHistory, type CaseRecord, type CaseWithHistory } from './case-types.js';

/** The case with that code (e.g. 'QY2023-0007'), with enterprise and history; null when none. */
export async function findCaseByCode(db: Db, code: string): Promise<CaseWithHistory | null> {
  return db.enterpriseCase.findUnique({ where: { code }, include: withHistory });
}

/** The case stored from a report card (its open_message_id); null when none. */
export async function findCaseBySourceKey(db: Db, sourceKey: string): Promise<CaseRecord | null> {
  return db.enterpriseCase.findUnique({ where: { sourceKey }, include: withEnterprise });
}

/** Open cases (登记, 办理中) a person reported or is assigned, nearest deadline first. */
export async function listOpenCasesFor(db: Db, openId: string): Promise<CaseRecord[]> {
  return db.enterpriseCase.findMany({
    where: { status: { in: OPEN_STATUSES }, OR: [{ reporterId: openId }, { assigneeId: openId }] },
    include: withEnterprise,
    orderBy: [{ deadline: 'asc' }, { code: 'asc' }],
  });
}
