import type { Clock } from '../../src/clock.js';
import type { Db } from '../../src/store/database.js';

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  private t: number;
  constructor(iso: string) {
    this.t = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Moves the clock in steps from its time to `untilIso`, calling `tick` at every step (as the scheduler loop would). */
export async function walk(clock: FakeClock, untilIso: string, stepMs: number, tick: () => Promise<unknown>): Promise<void> {
  const end = Date.parse(untilIso);
  while (clock.now().getTime() < end) {
    clock.advance(Math.min(stepMs, end - clock.now().getTime()));
    await tick();
  }
}

let seq = 0;

/** Stores a case through Prisma, as the cases feature would have. */
export async function seedCase(
  db: Db,
  c: {
    enterprise?: string;
    category?: string;
    status?: string;
    receivedDate: string;
    deadline: string;
    reporterId: string;
    assigneeId?: string;
    resolvedDate?: string;
    resolution?: string;
  },
): Promise<{ id: number; code: string }> {
  seq++;
  const year = Number(c.receivedDate.slice(0, 4));
  const name = c.enterprise ?? `测试企业${seq}有限公司`;
  const enterprise = await db.enterprise.upsert({ where: { normalizedName: name }, create: { name, normalizedName: name }, update: {} });
  const code = `QY${year}-${String(seq).padStart(4, '0')}`;
  return db.enterpriseCase.create({
    data: {
      code,
      year,
      seq,
      enterpriseId: enterprise.id,
      category: c.category ?? 'staffing',
      content: '企业反映用工缺口，请协调对接。',
      receivedDate: c.receivedDate,
      deadlineDays: 10,
      originalDeadline: c.deadline,
      deadline: c.deadline,
      status: c.status ?? 'in_progress',
      reporterId: c.reporterId,
      assigneeId: c.assigneeId ?? null,
      resolvedDate: c.resolvedDate ?? null,
      resolution: c.resolution ?? (c.status === 'resolved' ? '已协调解决。' : null),
    },
    select: { id: true, code: true },
  });
}
