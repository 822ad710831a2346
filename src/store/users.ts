import type { Db } from './database.js';
import type { Directory } from '../handlers/types.js';

/** A name older than this is asked for again (people change names rarely). */
const NAME_TTL_MS = 7 * 24 * 3600_000;

/**
 * The display name of a person: from the users table when fresh, else the contact API,
 * else the member list of `chatId` (when given). Falls back to a short form of the
 * open_id only when nothing can tell the name.
 */
export async function resolveName(db: Db, directory: Directory, openId: string, o: { chatId?: string; now: Date }): Promise<string> {
  const cached = await db.user.findUnique({ where: { openId } });
  const fresh = freshName(openId, cached, o.now);
  if (fresh) return fresh;
  const fromContact = await directory.userName(openId).catch(() => undefined);
  if (fromContact) return remember(db, openId, fromContact, 'contact');
  if (o.chatId) {
    const members = await directory.chatMembers(o.chatId).catch(() => []);
    for (const m of members) if (m.name) await remember(db, m.openId, m.name, 'chat_member');
    const hit = members.find((m) => m.openId === openId && m.name);
    if (hit) return hit.name;
  }
  return cached?.name ?? shortId(openId);
}

/**
 * Names of many people at once: the stored ones in one query (the weekly card names every
 * owner of an overdue case), then one look-up each that is not stored or is stale.
 */
export async function resolveNames(db: Db, directory: Directory, openIds: string[], o: { chatId?: string; now: Date }): Promise<Map<string, string>> {
  const ids = [...new Set(openIds)];
  const rows = await db.user.findMany({ where: { openId: { in: ids } } });
  const stored = new Map(rows.map((r) => [r.openId, r]));
  const out = new Map<string, string>();
  for (const id of ids) out.set(id, freshName(id, stored.get(id), o.now) ?? (await resolveName(db, directory, id, o)));
  return out;
}

/** The stored name while it can be trusted: set by hand, or looked up within NAME_TTL_MS. */
function freshName(openId: string, cached: { name: string; source: string; updatedAt: Date } | null | undefined, now: Date): string | undefined {
  // A row may hold only the placeholder (e.g. stored by /提醒 when nobody could tell the name): not a name.
  const named = cached && cached.name !== shortId(openId);
  return named && (cached.source === 'manual' || now.getTime() - cached.updatedAt.getTime() < NAME_TTL_MS) ? cached.name : undefined;
}

async function remember(db: Db, openId: string, name: string, source: string): Promise<string> {
  await db.user.upsert({ where: { openId }, create: { openId, name, source }, update: { name, source } });
  return name;
}

/** Last resort label: never the whole open_id. */
export function shortId(openId: string): string {
  return `用户${openId.slice(-4)}`;
}
