import type { Db } from './database.js';

/**
 * The open_ids of people the bot knows (the users table: names from the contact API, chat
 * member lists and manual entries), by name. At most `limit`: each is one option of the case
 * card's person picker, and the card must stay under Lark's 30 KB.
 */
export async function knownPeople(db: Db, limit: number): Promise<string[]> {
  const fast = db.sql.knownPeople;
  if (fast) return fast(limit);
  const rows = await db.user.findMany({ where: { openId: { startsWith: 'ou_' } }, select: { openId: true }, orderBy: [{ name: 'asc' }, { openId: 'asc' }], take: limit });
  return rows.map((r) => r.openId);
}
