import type { Db } from './database.js';

/**
 * The open_ids of people the bot knows (the users table: names from the contact API, chat
 * member lists and manual entries), by name. At most `limit`: each is one option of the case
 * card's person picker, and the card must stay under Lark's 30 KB.
 */
export async function knownPeople(db: Db, limit: number): Promise<string[]> {
  return db.sql.knownPeople(limit);
}
