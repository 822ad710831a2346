import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { cardNodes } from '../support/card-nodes.js';
import { caseAction, say, submitReport } from './case-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const COLLEAGUE = 'ou_colleague0000000000000000000001';

/** The options of the case card's 指派 person picker. */
function pickerOptions(card: any): string[] {
  const picker = cardNodes(card).find((v) => v.tag === 'select_person');
  return (picker?.options ?? []).map((o: any) => o.value);
}

describe('the 指派 person picker', () => {
  it('offers, in a direct chat and in the card sent to a new assignee, every person the bot knows, not only the chat’s two members', async () => {
    t = await startTestBot();
    // A colleague the bot has met (e.g. named from a group's member list).
    await t.bot.db.user.create({ data: { openId: COLLEAGUE, name: '李科员', source: 'chat_member' } });
    const submitted = await submitReport(t, { from: STAFF });
    const code = /QY\d{4}-\d{4}/.exec(submitted.body.toast.content)![0];
    expect(pickerOptions(submitted.body.card.data)).toEqual(expect.arrayContaining([COLLEAGUE, ADMIN]));

    await say(t, `/诉求 ${code}`, { from: STAFF, chatType: 'p2p' });
    const shown = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'the case card');
    expect(pickerOptions(shown.content)).toEqual(expect.arrayContaining([COLLEAGUE, ADMIN]));

    await caseAction(t, 'case.assign', code, { form: { assignee: COLLEAGUE } });
    const dm = await waitFor(() => t.fake.messages.find((m) => m.receiveId === COLLEAGUE), 5000, 'the assignee’s card');
    expect(pickerOptions(dm.content)).toEqual(expect.arrayContaining([COLLEAGUE, ADMIN]));
  });
});
