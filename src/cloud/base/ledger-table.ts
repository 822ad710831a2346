import type { Db } from '../../store/database.js';
import { keepTableId, storedTableId } from '../../store/cloud/ledger-records.js';
import type { CloudApi } from '../../transport/cloud-api.js';
import { LEDGER_TABLE, ledgerTableBody } from './ledger-fields.js';

/** Table look-ups in flight, per database and Base: eight sends at once after an import ask once. */
const inFlight = new WeakMap<Db, Map<string, Promise<string>>>();

/**
 * The table 「企业诉求台账」's id: stored, else found by name (made before the id was stored,
 * or by a colleague), else created with its typed fields.
 */
export function ledgerTableId(db: Db, cloud: CloudApi, appToken: string): Promise<string> {
  let pending = inFlight.get(db);
  if (!pending) inFlight.set(db, (pending = new Map()));
  let p = pending.get(appToken);
  if (!p) {
    p = find(db, cloud, appToken).finally(() => pending.delete(appToken));
    pending.set(appToken, p);
  }
  return p;
}

async function find(db: Db, cloud: CloudApi, appToken: string): Promise<string> {
  const stored = await storedTableId(db, appToken);
  if (stored) return stored;
  const named = (await cloud.listTables(appToken)).find((t) => t.name === LEDGER_TABLE);
  const tableId = named?.tableId ?? (await cloud.createTable(appToken, ledgerTableBody())).tableId;
  await keepTableId(db, appToken, tableId);
  return tableId;
}
