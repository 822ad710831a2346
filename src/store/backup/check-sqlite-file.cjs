// Checks a SQLite file that is not the bot's database (a backup copy, a file to restore) in a
// process of its own, so a large file's PRAGMA integrity_check (about 0.2 s for 20,000 cases,
// ten times that for a district's records) never holds the bot's event loop. Read-only; prints
// {"check": "...", "tables": {name: rows}} on stdout.
//
//   node check-sqlite-file.cjs <file>                 checks <file>
//   node check-sqlite-file.cjs <file> <database>      first copies <database> into <file>
//
// The copy (a backup) is SQLite's `VACUUM INTO`: one consistent snapshot of the database, read
// on a connection of this process while the bot goes on writing (WAL lets readers and a writer
// work side by side). Made here, the copy holds no event loop of the bot's either.
'use strict';
const Database = require('better-sqlite3');

const [file, database] = process.argv.slice(2);
if (database) {
  // Waits up to 10 s for a moment the file can be read (a checkpoint or recovery under way).
  const source = new Database(database, { fileMustExist: true, timeout: 10_000 });
  try {
    source.prepare('VACUUM INTO ?').run(file);
  } finally {
    source.close();
  }
}
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const check = db.pragma('integrity_check').map((r) => r.integrity_check).join('; ');
  const tables = {};
  if (check === 'ok') {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    for (const name of names) tables[name] = Number(db.prepare(`SELECT COUNT(*) FROM "${name.replace(/"/g, '""')}"`).pluck().get());
  }
  process.stdout.write(JSON.stringify({ check, tables }));
} finally {
  db.close();
}
