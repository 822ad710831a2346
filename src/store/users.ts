import type { Db } from './database.js';
import { shortId } from '../domain/people/open-id.js';

/** A person's stored name with where it came from and when. */
export async function storedUser(db: Db, openId: string): Promise<{ name: string; source: string; updatedAt: Date } | null> {
  return db.user.findUnique({ where: { openId }, select: { name: true, source: true, updatedAt: true } });
}

/** Stored names of these people; a placeholder (see shortId) is no name and is left out. */
export async function storedNames(db: Db, openIds: string[]): Promise<Map<string, string>> {
  const rows = await db.user.findMany({ where: { openId: { in: openIds } }, select: { openId: true, name: true } });
  return new Map(rows.filter((u) => u.name !== shortId(u.openId)).map((u) => [u.openId, u.name]));
}

/** Stores a person's name as told by `source` ('contact', 'chat_member'). */
export async function rememberName(db: Db, openId: string, name: string, source: string): Promise<string> {
  await db.user.upsert({ where: { openId }, create: { openId, name, source }, update: { name, source } });
  return name;
}
