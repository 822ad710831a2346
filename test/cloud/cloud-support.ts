import type { LocalDocument, StoredBlock } from '../../src/local/local-cloud.js';
import { FakeCloud } from '../support/fake-cloud.js';
import { FakeOpenApi } from '../support/fake-open-api.js';
import { seedCases, type SeedCase } from '../report/support/seed.js';
import type { Db } from '../../src/store/database.js';

export const FOLDER = 'fldcnLedgerFolder0001';
export const BASE = 'bascnLedgerBase00001';

/** A fake Open API with docx, drive and bitable on it. */
export async function fakeWithCloud(): Promise<{ fake: FakeOpenApi; cloud: FakeCloud }> {
  const fake = new FakeOpenApi();
  await fake.start();
  return { fake, cloud: new FakeCloud(fake) };
}

const CATS = ['tax_policy', 'staffing', 'infrastructure', 'premises', 'schooling', 'other'];

/** `n` cases of 2023: most resolved in time, some late, some open, a few returned. */
export function yearOfCases(n: number): SeedCase[] {
  return Array.from({ length: n }, (_, i) => {
    const day = `2023-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
    const base = { enterprise: `测试企业${i % 97}有限公司`, category: CATS[i % CATS.length]!, receivedDate: day };
    if (i % 50 === 7) return { ...base, status: 'returned', returnReason: '不属于本局职责' };
    if (i % 10 === 3) return base;
    return { ...base, resolvedDate: `2023-${String(1 + (i % 11)).padStart(2, '0')}-28` };
  });
}

export const seedYear = (db: Db, n: number) => seedCases(db, yearOfCases(n));

/** The document's blocks in reading order, depth first. */
export function blocksInOrder(d: LocalDocument): StoredBlock[] {
  const out: StoredBlock[] = [];
  const walk = (id: string) => {
    const b = d.blocks.get(id)!;
    out.push(b);
    for (const c of b.children ?? []) walk(c);
  };
  d.top.forEach(walk);
  return out;
}

/** Plain text of a text-like block. */
export function textOf(b: StoredBlock): string {
  const content = (b as Record<string, any>)[b.block_type === 2 ? 'text' : 'heading2'];
  return (content?.elements ?? []).map((e: any) => e.text_run?.content ?? '').join('');
}
