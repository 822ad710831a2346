import type { Db } from '../../store/database.js';
import { findCaseByCode } from '../../store/cases/find-cases.js';
import { forgetRecord, forgetTableId, keepRecordIds, recordIdOf } from '../../store/cloud/ledger-records.js';
import type { OutboxRow } from '../../store/sql/queue-sql.js';
import type { CloudApi } from '../../transport/cloud-api.js';
import { LarkApiError } from '../../transport/lark-api.js';
import { stableUuid } from '../../bot/stable-uuid.js';
import type { CloudDeps } from '../docs/document-sender.js';
import { isRefusal, permissionWorks, tellOnce } from '../permission-notice.js';
import { presentFields, recordFields, updateFields } from './ledger-fields.js';
import type { LedgerPayload } from './ledger-notice.js';
import { ledgerTableId } from './ledger-table.js';

export interface LedgerDeps extends CloudDeps {
  timezone: string;
  /** Who is told once when the Base refuses (the admins: they can grant it). */
  admins: string[];
}

/** bitable codes: the record or the table is gone (deleted by hand in Lark). */
const RECORD_GONE = 1254043;
const TABLE_GONE = new Set([1254004, 1254041]);

const codeOf = (e: unknown) => (e instanceof LarkApiError ? e.info.code : undefined);

/**
 * Sends one 'ledger' row: the case as it is now, into its record (created once: the record_id
 * is kept per case, and the create carries a client_token fixed for this row, so a call
 * retried after a timeout or a kill -9 gives back the same record). A refusal tells the
 * admins once and is tried again later: case work goes on, the Base catches up.
 */
export async function sendLedgerRecord(row: OutboxRow, deps: LedgerDeps): Promise<string | undefined> {
  const { appToken, code } = JSON.parse(row.payload) as LedgerPayload;
  try {
    const recordId = await upsert(deps, appToken, code, row.uuid);
    await permissionWorks(deps.db, 'base', deps.admins);
    return recordId;
  } catch (e) {
    if (TABLE_GONE.has(codeOf(e) ?? 0)) {
      await forgetTableId(deps.db, appToken);
      throw new LarkApiError('the ledger table is gone; made again at the next try', { retryable: true });
    }
    if (!isRefusal(e)) throw e;
    await tellOnce(deps.db, { area: 'base', people: deps.admins, error: e, key: row.uuid, now: deps.clock.now() });
    throw new LarkApiError(`Base refused: ${e.message}`, { ...e.info, retryable: true });
  }
}

async function upsert(deps: LedgerDeps, appToken: string, code: string, rowKey: string): Promise<string | undefined> {
  const { db, cloud } = deps;
  const c = await findCaseByCode(db, code);
  if (!c) return undefined;
  const tableId = await ledgerTableId(db, cloud, appToken);
  const fields = recordFields(c, deps.timezone);
  const known = await recordIdOf(db, appToken, code);
  if (known) {
    try {
      await cloud.batchUpdateRecords({ appToken, tableId, records: [{ recordId: known, fields: updateFields(fields) }] });
      return known;
    } catch (e) {
      if (codeOf(e) !== RECORD_GONE) throw e;
      // Deleted by hand: the case is in the store, so it gets a record again.
      await forgetRecord(db, appToken, code);
    }
  }
  const [recordId] = await createRecords(db, cloud, { appToken, tableId, clientToken: stableUuid(`${rowKey}:create:${known ?? ''}`), cases: [{ code, fields: presentFields(fields) }] });
  return recordId;
}

/** Creates records and keeps their ids at once (the client_token makes a retried call give the same ones). */
export async function createRecords(
  db: Db,
  cloud: CloudApi,
  a: { appToken: string; tableId: string; clientToken: string; cases: Array<{ code: string; fields: ReturnType<typeof presentFields> }> },
): Promise<string[]> {
  const ids = await cloud.batchCreateRecords({ appToken: a.appToken, tableId: a.tableId, records: a.cases.map((c) => c.fields), clientToken: a.clientToken });
  await keepRecordIds(db, a.appToken, a.cases.map((c, i) => ({ code: c.code, recordId: ids[i]! })), new Date());
  return ids;
}
