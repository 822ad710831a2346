import type { CaseEvent, CaseFollowup, Enterprise, EnterpriseCase, Prisma } from '../../generated/prisma/client.js';

/** A case with its enterprise: what every case function returns. */
export type CaseRecord = EnterpriseCase & { enterprise: Enterprise };

/** A case with its enterprise and its history, oldest first (for the case card). */
export type CaseWithHistory = CaseRecord & {
  history: CaseEvent[];
  /** Its 回访, one per resolution, oldest first; absent on a case just created (it has none). */
  followups?: CaseFollowup[];
};

/** The client or a transaction: store functions work inside either. */
export type DbTx = Prisma.TransactionClient;

export const withEnterprise = { enterprise: true } satisfies Prisma.EnterpriseCaseInclude;
export const withHistory = {
  enterprise: true,
  history: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  followups: { orderBy: { resolutionNo: 'asc' } },
} satisfies Prisma.EnterpriseCaseInclude;
