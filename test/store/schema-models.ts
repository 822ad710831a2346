import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The models of prisma/schema read from the files themselves (`prisma migrate diff` needs the
 * schema engine, which cannot be downloaded here), for the drift tests of both databases.
 */
export interface Field { name: string; column: string; type: string; optional: boolean; id: boolean; unique: boolean }
export interface Model { name: string; table: string; fields: Field[]; uniques: string[][]; indexes: string[][] }

export const SCHEMA_DIR = join(__dirname, '../../prisma/schema');

/** Column type each scalar gets from the SQLite and the PostgreSQL migrations. */
export const SQLITE_TYPE: Record<string, string> = { Int: 'INTEGER', String: 'TEXT', DateTime: 'DATETIME', Boolean: 'BOOLEAN', Bytes: 'BLOB', Float: 'REAL', BigInt: 'BIGINT', Decimal: 'DECIMAL', Json: 'JSONB' };
export const PG_TYPE: Record<string, string> = { Int: 'integer', String: 'text', DateTime: 'timestamp without time zone', Boolean: 'boolean', Bytes: 'bytea', Float: 'double precision', BigInt: 'bigint', Decimal: 'numeric', Json: 'jsonb' };

export function parseSchema(dir: string = SCHEMA_DIR): Model[] {
  const text = readdirSync(dir).filter((f) => f.endsWith('.prisma')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const models: Model[] = [];
  for (const m of text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = m as unknown as [string, string, string];
    const model: Model = { name, table: name, fields: [], uniques: [], indexes: [] };
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (!line) continue;
      const cols = (list: string) => list.split(',').map((s) => s.trim());
      let mm;
      if ((mm = /^@@map\("([^"]+)"\)/.exec(line))) model.table = mm[1]!;
      else if ((mm = /^@@unique\(\[([^\]]+)\]/.exec(line))) model.uniques.push(cols(mm[1]!));
      else if ((mm = /^@@index\(\[([^\]]+)\]/.exec(line))) model.indexes.push(cols(mm[1]!));
      else if ((mm = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line))) {
        const [, fname, ftype, list, opt, attrs] = mm as unknown as [string, string, string, string | undefined, string | undefined, string];
        if (list || !(ftype in SQLITE_TYPE)) continue; // relation fields have no column
        const map = /@map\("([^"]+)"\)/.exec(attrs);
        model.fields.push({ name: fname, column: map ? map[1]! : fname, type: ftype, optional: !!opt, id: attrs.includes('@id'), unique: attrs.includes('@unique') });
      }
    }
    models.push(model);
  }
  return models;
}

export const columnOf = (m: Model, field: string): string => m.fields.find((f) => f.name === field)?.column ?? field;

/** The unique and plain indexes a model declares, as column lists. */
export function declaredIndexes(m: Model): Array<{ unique: boolean; columns: string[] }> {
  return [
    ...m.fields.filter((f) => f.unique).map((f) => ({ unique: true, columns: [f.column] })),
    ...m.uniques.map((u) => ({ unique: true, columns: u.map((c) => columnOf(m, c)) })),
    ...m.indexes.map((i) => ({ unique: false, columns: i.map((c) => columnOf(m, c)) })),
  ];
}
