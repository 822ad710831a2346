import { formatCaseCode, MAX_SEQ } from '../../domain/cases/case-code.js';
import { normalizeEnterpriseName, tidyEnterpriseName } from '../../domain/cases/enterprise-name.js';
import { AppError } from '../../errors.js';
import { sqlDate, stmt, type RawDb } from '../raw-sqlite.js';
import type { CaseWithHistory } from './case-types.js';
import { caseEventOf, caseOf, enterpriseOf } from './sqlite-rows.js';

/** What createCase has worked out before storing: the deadline and the history note. */
export interface CaseToStore {
  enterprise: string;
  category: string;
  content: string;
  department: string | null;
  receivedDate: string;
  deadlineDays: number;
  deadline: string;
  deadlineProvisional: boolean;
  note: string;
  reporterId: string;
  sourceKey: string | null;
  source: string;
  chatId: string | null;
  at: Date;
}

/**
 * createCase on SQLite: one synchronous write transaction (BEGIN IMMEDIATE) of prepared
 * statements on the plain connection. A report card's 提交 waits for this, and through
 * Prisma the same work took several async round trips and query compilations.
 *
 * BEGIN IMMEDIATE takes the write lock before max(seq) is read, so codes have no gaps or
 * duplicates across processes too; the source key is checked inside the same lock, so one
 * card stores one case.
 */
export function createCaseOnSqlite(raw: RawDb, c: CaseToStore): { case: CaseWithHistory; created: boolean } {
  return raw.transaction(() => {
    if (c.sourceKey) {
      const existing = stmt(raw, `SELECT * FROM enterprise_cases WHERE source_key = ?`).get(c.sourceKey) as Record<string, unknown> | undefined;
      if (existing) return { case: withRelations(raw, existing), created: false };
    }
    const enterprise = findOrCreateEnterprise(raw, c.enterprise);
    const year = Number(c.receivedDate.slice(0, 4));
    const { max } = stmt(raw, `SELECT MAX(seq) AS max FROM enterprise_cases WHERE year = ?`).get(year) as { max: number | null };
    const seq = (max ?? 0) + 1;
    if (seq > MAX_SEQ) throw new AppError('conflict', `${year}年诉求编号已用尽（最多${MAX_SEQ}件），请联系管理员`);
    const at = sqlDate(c.at);
    const row = stmt(
      raw,
      `INSERT INTO enterprise_cases (code, year, seq, enterprise_id, category, content, department, received_date, deadline_days,
         original_deadline, deadline, deadline_provisional, reporter_id, source_key, source, chat_id, created_at, updated_at)
       VALUES (@code, @year, @seq, @enterpriseId, @category, @content, @department, @receivedDate, @deadlineDays,
         @deadline, @deadline, @provisional, @reporterId, @sourceKey, @source, @chatId, @at, @at) RETURNING *`,
    ).get({
      code: formatCaseCode(year, seq),
      year,
      seq,
      enterpriseId: enterprise.id,
      category: c.category,
      content: c.content,
      department: c.department,
      receivedDate: c.receivedDate,
      deadlineDays: c.deadlineDays,
      deadline: c.deadline,
      provisional: c.deadlineProvisional ? 1 : 0,
      reporterId: c.reporterId,
      sourceKey: c.sourceKey,
      source: c.source,
      chatId: c.chatId,
      at,
    }) as Record<string, unknown>;
    const created = stmt(
      raw,
      `INSERT INTO case_events (case_id, at, actor_id, kind, to_status, note) VALUES (?, ?, ?, 'created', 'registered', ?) RETURNING *`,
    ).get(row.id, at, c.reporterId, c.note) as Record<string, unknown>;
    return { case: { ...caseOf(row), enterprise, history: [caseEventOf(created)] }, created: true };
  }).immediate();
}

/** 「华为」 and 「华为技术有限公司」 are one firm; the fuller name is kept (as findOrCreateEnterprise). */
function findOrCreateEnterprise(raw: RawDb, rawName: string) {
  const name = tidyEnterpriseName(rawName);
  const normalizedName = normalizeEnterpriseName(name);
  const found = stmt(raw, `SELECT * FROM enterprises WHERE normalized_name = ?`).get(normalizedName) as Record<string, unknown> | undefined;
  if (!found) {
    return enterpriseOf(stmt(raw, `INSERT INTO enterprises (name, normalized_name, created_at) VALUES (?, ?, ?) RETURNING *`).get(name, normalizedName, sqlDate(new Date())) as Record<string, unknown>);
  }
  if ([...name].length > [...(found.name as string)].length) {
    return enterpriseOf(stmt(raw, `UPDATE enterprises SET name = ? WHERE id = ? RETURNING *`).get(name, found.id) as Record<string, unknown>);
  }
  return enterpriseOf(found);
}

function withRelations(raw: RawDb, row: Record<string, unknown>): CaseWithHistory {
  const enterprise = enterpriseOf(stmt(raw, `SELECT * FROM enterprises WHERE id = ?`).get(row.enterprise_id) as Record<string, unknown>);
  const history = (stmt(raw, `SELECT * FROM case_events WHERE case_id = ? ORDER BY at, id`).all(row.id) as Record<string, unknown>[]).map(caseEventOf);
  return { ...caseOf(row), enterprise, history };
}
