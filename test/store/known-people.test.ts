import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../src/store/database.js';
import { knownPeople } from '../../src/store/known-people.js';
import { createTestDatabase, type TestDatabase } from '../support/pg-database.js';
import { TEST_DB_KIND } from '../support/test-bot.js';

let database: TestDatabase | undefined;
let db: Db | undefined;
afterEach(async () => {
  if (db) await closeDatabase(db);
  await database?.drop();
  db = database = undefined;
});

describe('the people the 指派 picker offers', () => {
  it('are the open_ids the bot knows, by name then id, at most as many as asked, and no other kind of id', async () => {
    database = await createTestDatabase(TEST_DB_KIND);
    ({ db } = await openDatabase(database.url));
    const people = [
      { openId: 'ou_c', name: '王科员' },
      { openId: 'ou_a', name: '李科长' },
      { openId: 'ou_b', name: '李科长' },
      { openId: 'on_union_id_not_a_person', name: '甲' },
      // An underscore is a LIKE wildcard: 'ouX…' must not pass for 'ou_…'.
      { openId: 'ouXnot_an_open_id', name: '乙' },
      { openId: 'ou_d', name: '赵主任' },
    ];
    await db.user.createMany({ data: people.map((p) => ({ ...p, source: 'chat_member' })) });
    const all = [...people].filter((p) => p.openId.startsWith('ou_')).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.openId < y.openId ? -1 : 1));
    expect(await knownPeople(db, 100)).toEqual(all.map((p) => p.openId));
    expect(await knownPeople(db, 2)).toEqual(all.slice(0, 2).map((p) => p.openId));

    // A person renamed is placed by the new name at once.
    await db.user.update({ where: { openId: 'ou_d' }, data: { name: '丁主任' } });
    expect((await knownPeople(db, 100))[0]).toBe('ou_d');
  });
});
