import type { CaseEvent, Enterprise, EnterpriseCase } from '../../generated/prisma/client.js';

/**
 * Rows read with plain better-sqlite3 statements, turned into the objects Prisma returns for
 * the same rows (camelCase fields, DateTime as Date, Boolean from 0/1), so callers cannot
 * tell which path read them.
 */
type Row = Record<string, unknown>;

const date = (v: unknown) => new Date(String(v));

export function enterpriseOf(r: Row): Enterprise {
  return { id: r.id as number, name: r.name as string, normalizedName: r.normalized_name as string, createdAt: date(r.created_at) };
}

export function caseOf(r: Row): EnterpriseCase {
  return {
    id: r.id as number,
    code: r.code as string,
    year: r.year as number,
    seq: r.seq as number,
    enterpriseId: r.enterprise_id as number,
    category: r.category as string,
    content: r.content as string,
    department: r.department as string | null,
    receivedDate: r.received_date as string,
    deadlineDays: r.deadline_days as number,
    originalDeadline: r.original_deadline as string,
    deadline: r.deadline as string,
    deadlineProvisional: r.deadline_provisional === 1 || r.deadline_provisional === true,
    status: r.status as string,
    reporterId: r.reporter_id as string,
    assigneeId: r.assignee_id as string | null,
    resolution: r.resolution as string | null,
    resolvedDate: r.resolved_date as string | null,
    resolvedBy: r.resolved_by as string | null,
    returnReason: r.return_reason as string | null,
    sourceKey: r.source_key as string | null,
    source: r.source as string,
    chatId: r.chat_id as string | null,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

export function caseEventOf(r: Row): CaseEvent {
  return {
    id: r.id as number,
    caseId: r.case_id as number,
    at: date(r.at),
    actorId: r.actor_id as string,
    kind: r.kind as string,
    fromStatus: r.from_status as string | null,
    toStatus: r.to_status as string | null,
    note: r.note as string | null,
  };
}
