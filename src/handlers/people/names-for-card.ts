import { NameMemo } from '../../bot/name-memo.js';
import type { Directory } from '../../bot/people.js';
import type { Db } from '../../store/database.js';
import { shortId } from '../../domain/people/open-id.js';
import { storedNames } from '../../store/users.js';
import { resolveName } from './resolve-name.js';

/** How long a name nobody could tell is not asked for again (the contact API refusing, say). */
const UNKNOWN_TTL_MS = 10 * 60_000;

/**
 * Names for a card: the users table in one query; the others looked up once even when
 * thirty clicks ask at the same moment, and a name nobody could tell is not asked for on
 * every click (each look-up may cost two Open API calls). What is remembered lives on the
 * directory (`directory.memo`, one per bot, cleared by `Bot.stop`).
 */
export async function namesForCard(db: Db, directory: Directory, openIds: string[], where: { chatId: string; now: Date }): Promise<Map<string, string>> {
  const ids = [...new Set(openIds)];
  // A placeholder (see shortId) is no name: those people are looked up like the unknown.
  const names = await storedNames(db, ids);
  const memo = directory.memo ?? new NameMemo();
  await Promise.all(
    ids
      .filter((id) => !names.has(id))
      .map(async (id) => {
        const known = memo.unknownUntil.get(id);
        if (known && known.until > where.now.getTime()) return void names.set(id, known.label);
        let p = memo.inflight.get(id);
        if (!p) {
          // Decided once per look-up, not by each click waiting on it: with thirty clicks at
          // once, every answer names the others still being looked up.
          p = resolveName(db, directory, id, where)
            .then(async (name) => {
              if (name === shortId(id) || !(await storedNames(db, [id])).has(id)) memo.unknownUntil.set(id, { label: name, until: where.now.getTime() + UNKNOWN_TTL_MS });
              return name;
            })
            .finally(() => memo.inflight.delete(id));
          memo.inflight.set(id, p);
        }
        names.set(id, await p);
      }),
  );
  return names;
}
