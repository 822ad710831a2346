import { afterEach, describe, expect, it } from 'vitest';
import { cleanText } from '../../src/domain/text/clean-input.js';
import { messageEvent } from '../support/lark-payloads.js';
import { STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { newMessageId, post, reportForm, submitReport } from '../cases/case-support.js';
import { cardText, openSession, studyBot } from '../study/study-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const HOSTILE = '\u0000\u0008\u001F\u202E\u2066\u200F';

async function answerTo(text: string): Promise<string> {
  const messageId = newMessageId();
  await post(t, messageEvent({ text, from: STAFF, messageId }));
  const m = await waitFor(() => t.fake.messages.find((x) => x.replyTo === messageId), 5000, 'the answer');
  return m.content.text;
}

describe('bad input: long text', () => {
  it('echoes only a short prefix of an unknown 100,000-character command', async () => {
    t = await startTestBot();
    const answer = await answerTo('/' + '长'.repeat(100_000));
    expect(answer.length).toBeLessThan(200);
    expect(answer).toContain('长长长');
    expect(answer).toContain('/帮助');
  });

  it('echoes only a short prefix of a 10,000-character /记录', async () => {
    t = await startTestBot();
    const answer = await answerTo('/记录 ' + '类'.repeat(10_000));
    expect(answer.length).toBeLessThan(400);
    expect(answer).toContain('未识别的记录类型');
  });
});

describe('bad input: control and bidi characters', () => {
  it('are removed from message text before it is stored or echoed', async () => {
    t = await startTestBot();
    const answer = await answerTo(`/记录 督查 开展${HOSTILE}项目督查`);
    expect(answer).toContain('「开展项目督查」');
    const [row] = await t.bot.db.workRecord.findMany();
    expect(row!.content).toBe('开展项目督查');
  });

  it('are removed from card form values', async () => {
    t = await startTestBot();
    const res = await submitReport(t, { form: reportForm({ enterprise: `好得${HOSTILE}科技有限公司`, content: `申请\u202E兑现政策` }) });
    expect(res.body.toast.type).toBe('success');
    const c = await t.bot.db.enterpriseCase.findFirstOrThrow({ include: { enterprise: true } });
    expect(c.enterprise.name).toBe('好得科技有限公司');
    expect(c.content).toBe('申请兑现政策');
  });

  it('do not reach a study card’s title', async () => {
    t = await studyBot();
    const s = await openSession(t, `《行政许可法》\u202E第三章`);
    expect(cardText(s.card)).toContain('《行政许可法》第三章');
    const session = await t.bot.db.studySession.findFirstOrThrow();
    expect(session.topic).toBe('《行政许可法》第三章');
  });

  it('keeps line breaks, tabs, Chinese and emoji', () => {
    expect(cleanText('第一行\n第二行\t完 👍🏻 👨‍👩‍👧')).toBe('第一行\n第二行\t完 👍🏻 👨‍👩‍👧');
  });
});
