import { AppError } from '../../errors.js';
import type { YearSeal } from '../../generated/prisma/client.js';
import type { Db } from '../database.js';

/*
 * Sealed years (/总结 <年> 定稿). Rows are only ever added; a year is sealed while its latest
 * row is a seal. Every write that the sealed figures rest on asks `assertYearOpen` first.
 */

type Reader = Pick<Db, 'yearSeal'>;

/** The seal in force for `year`, or undefined when the year is open (never sealed, or reopened). */
export async function sealInForce(db: Reader, year: number): Promise<YearSeal | undefined> {
  const last = await db.yearSeal.findFirst({ where: { year }, orderBy: { id: 'desc' } });
  return last?.action === 'seal' ? last : undefined;
}

/** The line a refused change gets: what was refused, and how an admin reopens the year. */
export function sealedMessage(year: number, what: string): string {
  return `${year}年总结已定稿，${what}会改变已定稿的数字，不能办理。如确需更正，请管理员先发送「/总结 ${year} 撤销定稿 理由」。`;
}

/** Refuses (AppError 'conflict') a change to what the sealed figures of `year` rest on. */
export async function assertYearOpen(db: Reader, year: number, what: string): Promise<void> {
  // Only the latest row's action: a seal row also holds the sealed draft and its .docx.
  const last = await db.yearSeal.findFirst({ where: { year }, orderBy: { id: 'desc' }, select: { action: true } });
  if (last?.action === 'seal') throw new AppError('conflict', sealedMessage(year, what));
}

export interface NewSeal {
  year: number;
  actorId: string;
  asOf: string;
  figures: string;
  draft: string;
  appendixHash: string;
  openRows: string;
  docx: Buffer;
  at: Date;
}

/** Records a seal; false when the year is sealed already (two admins at once: the first one counts). */
export async function recordSeal(db: Db, s: NewSeal): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (await sealInForce(tx, s.year)) return false;
    await tx.yearSeal.create({
      data: { year: s.year, action: 'seal', actorId: s.actorId, asOf: s.asOf, figures: s.figures, draft: s.draft, appendixHash: s.appendixHash, openRows: s.openRows, docx: new Uint8Array(s.docx), createdAt: s.at },
    });
    return true;
  });
}

/** Lifts the seal, with who and why; false when the year was not sealed. */
export async function recordReopen(db: Db, r: { year: number; actorId: string; reason: string; at: Date }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (!(await sealInForce(tx, r.year))) return false;
    await tx.yearSeal.create({ data: { year: r.year, action: 'reopen', actorId: r.actorId, reason: r.reason, createdAt: r.at } });
    return true;
  });
}

/** Every seal and reopening of a year, oldest first (without the stored files). */
export function sealHistory(db: Db, year: number) {
  return db.yearSeal.findMany({ where: { year }, orderBy: { id: 'asc' }, select: { action: true, actorId: true, reason: true, createdAt: true } });
}
