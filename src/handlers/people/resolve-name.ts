import type { Directory } from '../../bot/people.js';
import type { Db } from '../../store/database.js';
import { shortId } from '../../domain/people/open-id.js';
import { rememberName, storedUser } from '../../store/users.js';

/** A name older than this is asked for again (people change names rarely). */
const NAME_TTL_MS = 7 * 24 * 3600_000;

/**
 * The display name of a person: from the users table when fresh, else the contact API,
 * else the member list of `chatId` (when given). Falls back to a short form of the
 * open_id only when nothing can tell the name.
 */
export async function resolveName(db: Db, directory: Directory, openId: string, where: { chatId?: string; now: Date }): Promise<string> {
  const cached = await storedUser(db, openId);
  // A row may hold only the placeholder (e.g. stored by /提醒 when nobody could tell the name): not a name.
  const named = cached && cached.name !== shortId(openId);
  if (named && (cached.source === 'manual' || where.now.getTime() - cached.updatedAt.getTime() < NAME_TTL_MS)) return cached.name;
  const fromContact = await directory.userName(openId).catch(() => undefined);
  if (fromContact) return rememberName(db, openId, fromContact, 'contact');
  if (where.chatId) {
    const members = await directory.chatMembers(where.chatId).catch(() => []);
    for (const member of members) if (member.name) await rememberName(db, member.openId, member.name, 'chat_member');
    const hit = members.find((member) => member.openId === openId && member.name);
    if (hit) return hit.name;
  }
  return cached?.name ?? shortId(openId);
}

/** Names of many people at once (one look-up each that is not cached). */
export async function resolveNames(db: Db, directory: Directory, openIds: string[], where: { chatId?: string; now: Date }): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(openIds)) out.set(id, await resolveName(db, directory, id, where));
  return out;
}
