import type { Db } from '../database.js';
import { shortId } from '../../domain/people/open-id.js';
import { isUniqueViolation } from '../unique-violation.js';

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
      if (!isUniqueViolation(e)) throw e;
      for (const d of data) await db.user.upsert({ where: { openId: d.openId }, create: d, update: {} });
    });
  }
  // Rows that hold only a placeholder name (a person muted reminders before anyone could tell it).
  for (const m of named.filter((x) => placeholders.has(x.openId))) await db.user.update({ where: { openId: m.openId }, data: { name: m.name, source: 'chat_member' } });
}
