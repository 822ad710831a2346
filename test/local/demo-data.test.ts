import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATEGORY_VALUES } from '../../src/domain/cases/categories.js';
import { addWorkingDays } from '../../src/domain/deadlines/working-days.js';
import { DemoDataRefused, fillDemoYear } from '../../src/local/demo-store.js';
import { DEADLINE_WORKING_DAYS } from '../../src/domain/deadlines/deadline-table.js';
import { openDatabase, type Db } from '../../src/store/database.js';

let dir: string;
let db: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fazhi-demo-'));
  ({ db } = await openDatabase(join(dir, 'bot.db')));
});

afterEach(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

// Each test starts a script process (tsx): seconds when the machine is quiet, far more when it is not.
describe('npm run demo-data', { timeout: 90_000 }, () => {
  it('fills a year with about a hundred cases across every category and month, some late, some open', async () => {
    const s = await fillDemoYear(db, { year: 2025, today: '2026-06-01' });
    const cases = await db.enterpriseCase.findMany({ orderBy: { seq: 'asc' } });
    expect(cases.length).toBe(s.cases);
    expect(cases.length).toBeGreaterThanOrEqual(90);
    expect(new Set(cases.map((c) => c.category))).toEqual(new Set(CATEGORY_VALUES));
    expect(new Set(cases.map((c) => c.receivedDate.slice(5, 7))).size).toBe(12);
    const late = cases.filter((c) => c.resolvedDate && c.resolvedDate > c.deadline);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length).toBeLessThan(cases.length / 4);
    for (const c of cases) {
      expect(c.code).toBe(`QY2025-${String(c.seq).padStart(4, '0')}`);
      expect(c.deadline).toBe(addWorkingDays(c.receivedDate, DEADLINE_WORKING_DAYS[c.category as keyof typeof DEADLINE_WORKING_DAYS]));
      if (c.status === 'resolved') expect(c.resolvedDate! >= c.receivedDate).toBe(true);
    }
    expect(await db.caseEvent.count({ where: { kind: 'created' } })).toBe(cases.length);
    const sessions = await db.studySession.findMany({ include: { attendances: true } });
    expect(sessions.length).toBe(s.sessions);
    expect(sessions.length).toBeGreaterThanOrEqual(20);
    expect(sessions.every((x) => x.attendances.length > 0 && x.heldDate.startsWith('2025-'))).toBe(true);
  });

  it('stops at today in the current year', async () => {
    await fillDemoYear(db, { year: 2026, today: '2026-05-20' });
    const last = await db.enterpriseCase.findFirst({ orderBy: { receivedDate: 'desc' } });
    expect(last!.receivedDate <= '2026-05-20').toBe(true);
    expect(await db.enterpriseCase.count({ where: { status: { in: ['registered', 'in_progress'] } } })).toBeGreaterThan(0);
  });

  it('replaces its own rows on a second run instead of adding more', async () => {
    const first = await fillDemoYear(db, { year: 2025, today: '2026-01-10' });
    const second = await fillDemoYear(db, { year: 2025, today: '2026-01-10' });
    expect(second.replaced).toBe(first.cases);
    expect(await db.enterpriseCase.count()).toBe(first.cases);
    expect(await db.studySession.count()).toBe(first.sessions);
  });

  it('refuses a year that holds cases not made by the script, and writes nothing', async () => {
    const ent = await db.enterprise.create({ data: { name: '真实企业有限公司', normalizedName: '真实企业' } });
    await db.enterpriseCase.create({
      data: { code: 'QY2025-0001', year: 2025, seq: 1, enterpriseId: ent.id, category: 'other', content: '真实诉求', receivedDate: '2025-03-03', deadlineDays: 10, originalDeadline: '2025-03-17', deadline: '2025-03-17', reporterId: 'ou_x', source: 'chat' },
    });
    await expect(fillDemoYear(db, { year: 2025, today: '2026-01-10' })).rejects.toBeInstanceOf(DemoDataRefused);
    expect(await db.enterpriseCase.count()).toBe(1);
    expect(await db.studySession.count()).toBe(0);
  });
});
