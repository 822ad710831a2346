import { afterEach, describe, expect, it } from 'vitest';
import { createCase } from '../../src/store/cases/create-case.js';
import { findCaseByCode } from '../../src/store/cases/find-cases.js';
import { STAFF, startTestBot, type TestBot } from '../support/test-bot.js';

let t: TestBot;
afterEach(async () => t?.destroy());

describe('a case stored by the SQLite fast path', () => {
  it('reads back through Prisma exactly as it was returned, enterprise and history included', async () => {
    t = await startTestBot({ noWorkers: true });
    const input = { enterprise: '华为', category: 'staffing' as const, content: '招工', receivedDate: '2024-02-08', reporterId: STAFF, sourceKey: 'om_paths_1', chatId: 'oc_paths', at: new Date('2024-02-08T02:03:04.005Z') };
    const first = await createCase(t.bot.db, input);
    expect(first.created).toBe(true);
    expect(first.case).toMatchObject({ code: 'QY2024-0001', deadline: '2024-02-28', deadlineProvisional: false, status: 'registered', source: 'chat' });
    expect(await findCaseByCode(t.bot.db, first.case.code)).toEqual(first.case);

    // The fuller spelling of the same firm renames it; the same card again stores nothing.
    const second = await createCase(t.bot.db, { ...input, enterprise: '华为技术有限公司', sourceKey: 'om_paths_2' });
    expect(second.case.code).toBe('QY2024-0002');
    expect(second.case.enterprise).toMatchObject({ id: first.case.enterprise.id, name: '华为技术有限公司' });
    const again = await createCase(t.bot.db, { ...input, content: '另一件' });
    expect(again).toEqual({ case: { ...first.case, enterprise: second.case.enterprise }, created: false });
    expect(await t.bot.db.enterpriseCase.count()).toBe(2);
  });
});
