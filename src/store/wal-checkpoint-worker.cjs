// The thread of wal-checkpointer.ts: its own connection to the database file, a PASSIVE
// checkpoint on each 'checkpoint' message, closed on 'close'. Plain CommonJS, not TypeScript,
// so the same file runs under tsx, vitest and the compiled dist/ (the build copies it).
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);

const db = new Database(workerData.path, { timeout: 1000 });
// The page cache the other connections have (store/raw-sqlite.ts CACHE_SIZE_PRAGMA).
db.pragma(workerData.cacheSize);
parentPort.on('message', (m) => {
  if (m === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ ok: db.pragma('wal_checkpoint(PASSIVE)')[0] });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.message) || e) });
  }
});
