// Checks a SQLite file that is not the bot's database (a backup copy, a file to restore) in a
// process of its own, so a large file's PRAGMA integrity_check (about 0.2 s for 20,000 cases,
// ten times that for a district's records) never holds the bot's event loop. Read-only; prints
// {"check": "...", "tables": {name: rows}} on stdout.
'use strict';
const Database = require('better-sqlite3');

const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
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
