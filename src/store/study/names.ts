import type { Db } from '../database.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Directory } from '../../handlers/types.js';
import { resolveName, shortId } from '../users.js';

/** How long a name nobody could tell is not asked for again (the contact API refusing, say). */
const UNKNOWN_TTL_MS = 10 * 60_000;

interface Memo {
  inflight: Map<string, Promise<string>>;
  unknownUntil: Map<string, { label: string; until: number }>;
}
const memos = new WeakMap<Db, Memo>();

function memoOf(db: Db): Memo {
  let m = memos.get(db);
  if (!m) memos.set(db, (m = { inflight: new Map(), unknownUntil: new Map() }));
  return m;
}

/**
 * Names for a card: the users table in one query; the others looked up once even when
 * thirty clicks ask at the same moment, and a name nobody could tell is not asked for on
 * every click (each look-up may cost two Open API calls).
 */
export async function namesForCard(db: Db, directory: Directory, openIds: string[], o: { chatId: string; now: Date }): Promise<Map<string, string>> {
  const ids = [...new Set(openIds)];
  const rows = await db.user.findMany({ where: { openId: { in: ids } }, select: { openId: true, name: true } });
  // A placeholder (see shortId) is no name: look those people up like the unknown.
  const names = new Map(rows.filter((u) => u.name !== shortId(u.openId)).map((u) => [u.openId, u.name]));
  const memo = memoOf(db);
  await Promise.all(
    ids
      .filter((id) => !names.has(id))
      .map(async (id) => {
        const known = memo.unknownUntil.get(id);
        if (known && known.until > o.now.getTime()) return void names.set(id, known.label);
        let p = memo.inflight.get(id);
        if (!p) {
          p = resolveName(db, directory, id, o).finally(() => memo.inflight.delete(id));
          memo.inflight.set(id, p);
        }
        const name = await p;
        names.set(id, name);
        const cached = await db.user.findUnique({ where: { openId: id }, select: { name: true } });
        if (!cached || cached.name === shortId(id)) memo.unknownUntil.set(id, { label: name, until: o.now.getTime() + UNKNOWN_TTL_MS });
      }),
  );
  return names;
}

/** Stores the names of chat members not yet in the users table (a contact-API name is never overwritten). */
export async function rememberMemberNames(db: Db, members: Array<{ openId: string; name: string }>): Promise<void> {
  const named = members.filter((m) => m.name);
  const rows = await db.user.findMany({ where: { openId: { in: named.map((m) => m.openId) } }, select: { openId: true, name: true } });
  const known = new Set(rows.map((u) => u.openId));
  const placeholders = new Set(rows.filter((u) => u.name === shortId(u.openId)).map((u) => u.openId));
  const fresh = named.filter((m) => !known.has(m.openId));
  const data = fresh.map((m) => ({ openId: m.openId, name: m.name, source: 'chat_member' }));
  if (data.length) {
    await db.user.createMany({ data }).catch(async (e: unknown) => {
      // Someone stored one of them meanwhile (a click looking the name up): keep theirs, add the rest.
      if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
      for (const d of data) await db.user.upsert({ where: { openId: d.openId }, create: d, update: {} });
    });
  }
  // Rows that hold only a placeholder name (a person muted reminders before anyone could tell it).
  for (const m of named.filter((x) => placeholders.has(x.openId))) await db.user.update({ where: { openId: m.openId }, data: { name: m.name, source: 'chat_member' } });
}
