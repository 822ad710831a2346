import type { Db } from '../../../src/store/database.js';

export interface SeedCase {
  enterprise: string;
  category: string;
  receivedDate: string;
  /** Default: 20 days after receipt. */
  deadline?: string;
  status?: string;
  resolvedDate?: string | null;
  returnReason?: string;
}

const plusDays = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);

/** Stores cases straight through Prisma (codes QY<year>-NNNN in order), for tests that need data without the case handlers. */
export async function seedCases(db: Db, cases: SeedCase[]): Promise<string[]> {
  const codes: string[] = [];
  for (const c of cases) {
    const year = Number(c.receivedDate.slice(0, 4));
    const seq = (await db.enterpriseCase.count({ where: { year } })) + 1;
    const code = `QY${year}-${String(seq).padStart(4, '0')}`;
    const enterprise = await db.enterprise.upsert({ where: { normalizedName: c.enterprise }, create: { name: c.enterprise, normalizedName: c.enterprise }, update: {} });
    const deadline = c.deadline ?? plusDays(c.receivedDate, 20);
    const status = c.status ?? (c.resolvedDate ? 'resolved' : 'in_progress');
    await db.enterpriseCase.create({
      data: {
        code, year, seq, enterpriseId: enterprise.id, category: c.category, content: '测试诉求', receivedDate: c.receivedDate,
        deadlineDays: 15, originalDeadline: deadline, deadline, status, reporterId: 'ou_seed', resolvedDate: c.resolvedDate ?? null, returnReason: c.returnReason ?? null, source: 'demo',
      },
    });
    codes.push(code);
  }
  return codes;
}

/** A study session on `day` with the given attendance statuses. */
export async function seedStudy(db: Db, day: string, statuses: string[]): Promise<void> {
  const s = await db.studySession.create({ data: { topic: '会前学法', chatId: 'oc_test', openedBy: 'ou_seed', heldDate: day } });
  for (const [i, status] of statuses.entries()) await db.studyAttendance.create({ data: { sessionId: s.id, openId: `ou_p${i}`, status } });
}
