import { afterEach, describe, expect, it } from 'vitest';
import { dayIn } from '../../src/domain/dates/days.js';
import { ADMIN, LEADER, STAFF, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { caseAction, say, cardActions, cardText, fieldNames, newMessageId, reportForm, submitReport } from './case-support.js';

let t: TestBot;
afterEach(async () => t?.destroy());

describe('an enterprise case from report to resolution, through the real webhook', () => {
  it('reports from a sentence, stores on 提交, resolves, and tells every leader', async () => {
    const SECOND_LEADER = 'ou_leader00000000000000000000002';
    t = await startTestBot({ env: { BOT_LEADERS: `${LEADER},${SECOND_LEADER}` } });

    // A sentence in a direct chat comes back as the report card, prefilled.
    await say(t, '今天走访了好得科技有限公司，企业反映2022年度所得税扶持资金还没兑现');
    const reportMsg = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'the report card');
    expect(fieldNames(reportMsg.content)).toEqual(['enterprise', 'category', 'content', 'received_date', 'department']);
    expect(cardActions(reportMsg.content)).toEqual(['case.submit']);
    expect(JSON.stringify(reportMsg.content)).toContain('"default_value":"好得科技有限公司"');
    expect(JSON.stringify(reportMsg.content)).toContain('"initial_option":"tax_policy"');
    expect(JSON.stringify(reportMsg.content)).toContain(`"initial_date":"${dayIn(new Date(), 'Asia/Shanghai')}"`);

    // 提交 stores the case and answers with the case card in place of the form.
    const submitted = await submitReport(t, { messageId: reportMsg.messageId });
    expect(submitted.status).toBe(200);
    expect(submitted.body.toast).toEqual({ type: 'success', content: '已登记，编号 QY2023-0001，办理期限 2023-10-25' });
    const caseCardJson = submitted.body.card.data;
    expect(submitted.body.card.type).toBe('raw');
    expect(cardActions(caseCardJson)).not.toContain('case.submit');
    expect(cardActions(caseCardJson)).toContain('case.resolve');
    expect(cardText(caseCardJson)).toContain('2023-10-25');
    expect(cardText(caseCardJson)).toContain('登记');

    // /诉求 shows the same case; /我的 lists it with days left.
    await say(t, '/诉求 qy2023-1');
    const shown = await waitFor(() => t.fake.messages.filter((m) => m.msgType === 'interactive')[1], 5000, 'the case card');
    expect(cardText(shown.content)).toContain('好得科技有限公司');
    expect(fieldNames(shown.content)).toEqual(expect.arrayContaining(['resolution', 'resolved_date']));
    await say(t, '/我的');
    const mine = await waitFor(() => t.fake.messages.filter((m) => m.msgType === 'interactive')[2], 5000, 'my cases');
    expect(cardText(mine.content)).toContain('QY2023-0001');
    // Received 2023-09-28, due 2023-10-25: long overdue on the real clock (exact counts: deadline-table test).
    expect(cardText(mine.content)).toMatch(/办理期限 2023-10-25，已超期\d+个工作日/);

    // 办结 updates the card in place and sends each leader one direct message.
    const resolved = await caseAction(t, 'case.resolve', 'QY2023-0001', {
      form: { resolution: '已协调财政局兑现扶持资金48万元', resolved_date: '2023-10-10 +0800' },
      messageId: shown.messageId,
    });
    expect(resolved.body.toast).toEqual({ type: 'success', content: 'QY2023-0001 已办结' });
    expect(cardText(resolved.body.card.data)).toContain('已办结');
    expect(cardActions(resolved.body.card.data)).not.toContain('case.resolve');
    for (const leader of [LEADER, SECOND_LEADER]) {
      const [dm] = await waitFor(() => (t.fake.textsTo(leader).length ? t.fake.textsTo(leader) : undefined), 5000, 'leader DM');
      expect(dm).toContain('QY2023-0001');
      expect(dm).toContain('好得科技有限公司');
      expect(dm).toContain('增值税和企业所得税扶持政策兑现');
      expect(dm).toContain('已协调财政局兑现扶持资金48万元');
      expect(dm).toContain('期限内办结');
    }

    // A second 办结 (another click) changes nothing and tells nobody again.
    const again = await caseAction(t, 'case.resolve', 'QY2023-0001', { form: { resolution: '重复', resolved_date: '2023-10-10 +0800' }, from: ADMIN });
    expect(again.body.toast.type).toBe('info');
    expect(again.body.toast.content).toContain('已于2023-10-10办结');
    const row = await t.bot.db.enterpriseCase.findUniqueOrThrow({ where: { code: 'QY2023-0001' }, include: { history: true } });
    expect(row).toMatchObject({ status: 'resolved', resolution: '已协调财政局兑现扶持资金48万元', resolvedDate: '2023-10-10', resolvedBy: STAFF });
    expect(row.history.map((h) => [h.kind, h.fromStatus, h.toStatus])).toEqual([
      ['created', null, 'registered'],
      ['status', 'registered', 'resolved'],
    ]);
    expect(await t.bot.db.outboxMessage.count({ where: { target: { startsWith: 'open_id:' } } })).toBe(2);

    // Nothing open any more.
    await say(t, '/我的');
    await waitFor(() => t.fake.messages.some((m) => m.msgType === 'text' && m.content.text.includes('没有未办结')), 5000, 'empty list');
  });

  it('stores the submitted values, not the prefilled guess', async () => {
    t = await startTestBot();
    const res = await submitReport(t, { form: reportForm({ enterprise: '  华为技术有限公司 ', category: 'premises', department: '' }), messageId: newMessageId() });
    expect(res.body.toast.type).toBe('success');
    const c = await t.bot.db.enterpriseCase.findFirstOrThrow({ include: { enterprise: true } });
    expect(c).toMatchObject({ category: 'premises', department: null, receivedDate: '2023-09-28', deadlineDays: 20, reporterId: STAFF });
    expect(c.enterprise.name).toBe('华为技术有限公司');
  });
});

describe('/上报', () => {
  it('in a group, when mentioned, answers with the card prefilled from the text after the command', async () => {
    t = await startTestBot();
    await say(t, '/上报 云帆智能装备有限公司需要5000平方米标准厂房', { chatType: 'group', chatId: 'oc_group_cases' });
    const msg = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'report card');
    const json = JSON.stringify(msg.content);
    expect(json).toContain('"default_value":"云帆智能装备有限公司"');
    expect(json).toContain('"initial_option":"premises"');
    expect(json).toContain('"default_value":"云帆智能装备有限公司需要5000平方米标准厂房"');
  });

  it('without text answers with an empty card listing the six categories', async () => {
    t = await startTestBot();
    await say(t, '／上报');
    const msg = await waitFor(() => t.fake.messages.find((m) => m.msgType === 'interactive'), 5000, 'report card');
    const json = JSON.stringify(msg.content);
    expect(json).not.toContain('default_value');
    expect(json).not.toContain('initial_option');
    for (const v of ['tax_policy', 'staffing', 'infrastructure', 'premises', 'schooling', 'other']) expect(json).toContain(`"value":"${v}"`);
    expect(json).toContain('增值税和企业所得税扶持政策兑现');
  });
});
