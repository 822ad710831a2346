import type { Directory } from '../../bot/people.js';
import type { Db } from '../../store/database.js';
import { shortId } from '../../domain/people/open-id.js';
import { rememberName, storedUser, storedUsers } from '../../store/users.js';

/** A name older than this is asked for again (people change names rarely). */
const NAME_TTL_MS = 7 * 24 * 3600_000;

/**
 * The display name of a person: from the users table when fresh, else the contact API,
 * else the member list of `chatId` (when given). Falls back to a short form of the
 * open_id only when nothing can tell the name.
 */
export async function resolveName(db: Db, directory: Directory, openId: string, where: { chatId?: string; now: Date }): Promise<string> {
  const cached = await storedUser(db, openId);
  const fresh = freshName(openId, cached, where.now);
  if (fresh) return fresh;
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

/**
 * Names of many people at once: the stored ones in one query (the weekly card names every
 * owner of an overdue case; a query each cost most of the card at a million cases), then one
 * look-up each that is not stored or is stale.
 */
export async function resolveNames(db: Db, directory: Directory, openIds: string[], where: { chatId?: string; now: Date }): Promise<Map<string, string>> {
  const ids = [...new Set(openIds)];
  const stored = await storedUsers(db, ids);
  const out = new Map<string, string>();
  for (const id of ids) out.set(id, freshName(id, stored.get(id), where.now) ?? (await resolveName(db, directory, id, where)));
  return out;
}

/** The stored name while it can be trusted: set by hand, or looked up within NAME_TTL_MS. */
function freshName(openId: string, cached: { name: string; source: string; updatedAt: Date } | null | undefined, now: Date): string | undefined {
  // A row may hold only the placeholder (e.g. stored by /提醒 when nobody could tell the name): not a name.
  const named = cached && cached.name !== shortId(openId);
  return named && (cached.source === 'manual' || now.getTime() - cached.updatedAt.getTime() < NAME_TTL_MS) ? cached.name : undefined;
}
