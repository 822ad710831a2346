import { text, type Target } from '../../bot/message.js';
import { enqueue } from '../../bot/outbox-request.js';
import { stableUuid } from '../../bot/stable-uuid.js';
import { withHistory, type CaseWithHistory } from '../../store/cases/case-types.js';
import { keepRecordIds, recordIdsOf } from '../../store/cloud/ledger-records.js';
import type { OutboxRow } from '../../store/sql/queue-sql.js';
import type { BaseRecord } from '../../transport/cloud-api.js';
import { LarkApiError } from '../../transport/lark-api.js';
import { isRefusal, permissionLine } from '../permission-notice.js';
import { changedFields, LEDGER_TABLE, presentFields, recordFields, updateFields } from './ledger-fields.js';
import { createRecords, type LedgerDeps } from './ledger-sender.js';
import { ledgerTableId } from './ledger-table.js';

export interface LedgerSyncPayload {
  appToken: string;
  year: number;
  answerTo: Target;
  orderKey?: string | undefined;
}

/** bitable: at most 1,000 records per batch call; 500 keeps a body well under the size limit. */
const BATCH = 500;

/** A text field as the list gives it: a string, or rich-text segments. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x && 'text' in x ? String((x as { text: unknown }).text) : '')).join('');
  return '';
}

async function* yearCases(deps: LedgerDeps, year: number): AsyncGenerator<CaseWithHistory[]> {
  for (let after = 0; ; ) {
    const page = await deps.db.enterpriseCase.findMany({ where: { year, id: { gt: after } }, include: withHistory, orderBy: { id: 'asc' }, take: BATCH });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
  }
}

/**
 * `/同步台账 [年]`: the table compared with the store for the year. Missing records are created,
 * records whose owned fields differ are written again (a hand edit of 状态 is put back; a
 * column the office added is left alone), records with no case in the store are named and
 * kept. Run twice, the second changes nothing.
 */
export async function syncLedger(row: OutboxRow, deps: LedgerDeps): Promise<string | undefined> {
  const p = JSON.parse(row.payload) as LedgerSyncPayload;
  const answer = (t: string) => enqueue(deps.db, { kind: 'message', to: p.answerTo, message: text(t), uuid: stableUuid(`${row.uuid}:answer`), orderKey: p.orderKey }, deps.clock.now());
  try {
    const counts = await repair(deps, p, row.uuid);
    const extra = counts.extra.length ? `表格中有${counts.extra.length}条记录在系统中没有对应诉求，未作删除：${counts.extra.slice(0, 20).join('、')}${counts.extra.length > 20 ? '等' : ''}。` : '表格中没有多余记录。';
    await answer(`${p.year}年台账已与多维表格「${LEDGER_TABLE}」核对：系统中${counts.cases}件，新建记录${counts.created}条，更新${counts.updated}条，一致${counts.same}条。${extra}`);
    return undefined;
  } catch (e) {
    if (!isRefusal(e)) throw e;
    await answer(permissionLine('base', e));
    throw new LarkApiError(`Base refused: ${e.message}`, { ...e.info, retryable: false });
  }
}

async function repair(deps: LedgerDeps, p: LedgerSyncPayload, key: string) {
  const { db, cloud } = deps;
  const tableId = await ledgerTableId(db, cloud, p.appToken);
  const byId = new Map<string, BaseRecord>();
  const byCode = new Map<string, BaseRecord>();
  for (let pageToken: string | undefined, first = true; first || pageToken; first = false) {
    const page = await cloud.listRecords({ appToken: p.appToken, tableId, pageToken });
    for (const r of page.items) {
      byId.set(r.recordId, r);
      const code = textOf(r.fields['编号']);
      if (code && !byCode.has(code)) byCode.set(code, r);
    }
    pageToken = page.pageToken;
  }
  const seen = new Set<string>();
  const counts = { cases: 0, created: 0, updated: 0, same: 0, extra: [] as string[] };
  for await (const cases of yearCases(deps, p.year)) {
    const known = await recordIdsOf(db, p.appToken, cases.map((c) => c.code));
    const create: Array<{ code: string; fields: ReturnType<typeof presentFields> }> = [];
    const update: Array<{ recordId: string; fields: ReturnType<typeof updateFields> }> = [];
    const adopt: Array<{ code: string; recordId: string }> = [];
    for (const c of cases) {
      counts.cases++;
      seen.add(c.code);
      const want = recordFields(c, deps.timezone);
      const have = byId.get(known.get(c.code) ?? '') ?? byCode.get(c.code);
      if (!have) create.push({ code: c.code, fields: presentFields(want) });
      else {
        if (known.get(c.code) !== have.recordId) adopt.push({ code: c.code, recordId: have.recordId });
        if (changedFields(want, have.fields).length) update.push({ recordId: have.recordId, fields: updateFields(want) });
        else counts.same++;
      }
    }
    await keepRecordIds(db, p.appToken, adopt, deps.clock.now());
    // The token follows the records asked for: a retry that asks for the same ones gets the same ones.
    if (create.length) await createRecords(db, cloud, { appToken: p.appToken, tableId, clientToken: stableUuid(`${key}:${create.map((c) => c.code).join(',')}`), cases: create });
    if (update.length) await cloud.batchUpdateRecords({ appToken: p.appToken, tableId, records: update });
    counts.created += create.length;
    counts.updated += update.length;
  }
  for (const code of byCode.keys()) if (code.startsWith(`QY${p.year}-`) && !seen.has(code)) counts.extra.push(code);
  counts.extra.sort();
  return counts;
}
