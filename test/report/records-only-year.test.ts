import { afterEach, describe, expect, it } from 'vitest';
import { LEADER, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { say as sayTo } from './support/say.js';
import { documentXml, draftFromPosts, uploadedFiles, zipEntry } from './support/draft-output.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const say = (text: string, from?: string) => sayTo(t, text, from);

describe('/总结 of a year with /记录 entries but no enterprise request', () => {
  it('drafts the year from its records, says no request was recorded and asks to verify that', async () => {
    t = await startTestBot();
    expect(await say('/记录 政务公开 发布年度政策汇编 3条 2024-03-01')).toContain('2024年政务公开累计3条');
    expect(await say('/记录 督查 开展重点项目督查 2024-04-01')).toContain('2024年督查累计1次');
    expect(await say('/记录 合同审查 审查厂房租赁合同 2份 2024-05-01')).toContain('2024年合同审查累计2件');
    await say('/总结 2024', LEADER);
    await waitFor(() => uploadedFiles(t.fake).length === 1, 15_000, 'the .docx');
    const text = draftFromPosts(t.fake);

    expect(text).toContain('2024年台账中未登记企业诉求。');
    expect(text).toContain('全年公开政务信息3条。');
    expect(text).toContain('全年开展督查1次。');
    expect(text).toContain('全年法律顾问审查合同协议2件。');
    expect(text).not.toMatch(/共受理企业诉求|共为企业解决问题|办结率|undefined|NaN|scripts\//);
    const checks = text.slice(text.indexOf('\n请核实\n'));
    expect(checks).toContain('「2024年台账中未登记企业诉求。」：2024年台账中没有受理的企业诉求，请核实。');
    expect(checks).toContain('2024年无会前学法记录，请核实或删除');
    expect(checks).not.toMatch(/无督查记录|无政务公开记录|无合同审查/);

    const docx = uploadedFiles(t.fake)[0]!.data;
    expect(documentXml(docx)).toContain('附件：2024年企业诉求台账');
    expect(zipEntry(docx, 'word/comments.xml')).toContain('2024年台账中没有受理的企业诉求，请核实');
  }, 30_000);
});
