import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from '../support/lark-payloads.js';
import { ADMIN, LEADER, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import type { FakeCloud } from '../support/fake-cloud.js';
import { uploadedFiles } from '../report/support/draft-output.js';
import { blocksInOrder, fakeWithCloud, FOLDER, seedYear, textOf } from './cloud-support.js';

let t: TestBot | undefined;
let cloud: FakeCloud;
afterEach(async () => {
  await t?.destroy();
  await t?.fake.stop();
  t = undefined;
});

async function start(env: Record<string, string> = {}) {
  const f = await fakeWithCloud();
  cloud = f.cloud;
  t = await startTestBot({ fake: f.fake, env: { LARK_DOCS_FOLDER_TOKEN: FOLDER, ...env } });
  return t;
}

const linkCards = (t: TestBot) => t.fake.messages.filter((m) => m.msgType === 'interactive' && JSON.stringify(m.content).includes('在飞书中打开'));

describe('the year-end draft as a Lark cloud document', { timeout: 60_000 }, () => {
  it('writes a year of 300 cases within 10 s of /总结, as documented, at the documented pace, shared with the asker and the leaders only', async () => {
    await start();
    await seedYear(t!.bot.db, 300);
    const started = Date.now();
    await t!.post(messageEvent({ text: '/总结 2023', from: ADMIN }));
    await waitFor(() => linkCards(t!).length === 1, 20_000, 'the 「在飞书中打开」 card');
    const ms = Date.now() - started;
    const at = (p: RegExp) => t!.fake.requests.filter((r) => p.test(r.path)).map((r) => r.at - started);
    console.log(`ms after /总结: .docx uploaded ${at(/im\/v1\/files/)}, document created ${at(/docx\/v1\/documents$/)}, blocks ${at(/descendant/)}, shared ${at(/permissions/)}`);
    console.log(`cloud document for 300 cases: ${ms} ms after /总结; limits answered: app ${cloud.limited.app}, document ${cloud.limited.document}`);
    expect(ms).toBeLessThan(10_000);
    expect(cloud.findings).toEqual([]);

    const docs = [...cloud.state.documents.values()];
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect(doc.title).toMatch(/^投资促进局2023年法治政府建设工作总结（草稿 \d+月\d+日）$/);
    expect(doc.folderToken).toBe(FOLDER);
    const blocks = blocksInOrder(doc);
    // Every counted case is a row of an appendix table (header rows aside), each once.
    const tables = blocks.filter((b) => b.block_type === 31);
    const cells = tables.flatMap((tb) => tb.children!.map((c) => textOf(doc.blocks.get(doc.blocks.get(c)!.children![0]!)!)));
    const codes = cells.filter((c) => /^QY2023-\d{4}$/.test(c));
    expect(new Set(codes).size).toBe(codes.length);
    const counted = await t!.bot.db.enterpriseCase.count({ where: { year: 2023, status: { not: 'returned' } } });
    const returned = await t!.bot.db.enterpriseCase.count({ where: { year: 2023, status: 'returned' } });
    expect(codes.length).toBe(counted + returned);
    // Headings as in the .docx, figures' sources in callouts under their paragraphs.
    expect(blocks.filter((b) => b.block_type === 4).map(textOf)).toEqual(expect.arrayContaining(['一、工作开展情况', '二、存在问题', '三、下步打算', '附件：2023年企业诉求台账']));
    const callouts = blocks.filter((b) => b.block_type === 19);
    expect(callouts.length).toBeGreaterThan(2);
    expect(textOf(doc.blocks.get(callouts[0]!.children![0]!)!)).toMatch(/^来源：/);
    // No study session recorded: the 学法 sentence is kept, highlighted, and listed in a comment.
    const highlighted = blocks.filter((b) => b.block_type === 2 && (b.text?.elements ?? []).some((e) => e.text_run?.text_element_style?.background_color === 3));
    expect(highlighted.length).toBeGreaterThan(0);
    expect(doc.comments).toHaveLength(1);
    expect(doc.comments[0]).toMatch(/^请核实/);
    // The asker may do anything, the leader view (and comment), nobody else; no link.
    expect(doc.members).toEqual([
      { member_type: 'openid', member_id: ADMIN, perm: 'full_access', type: 'user' },
      { member_type: 'openid', member_id: LEADER, perm: 'view', type: 'user' },
    ]);
    expect(doc.publicPermission).toMatchObject({ link_share_entity: 'closed', external_access_entity: 'closed', comment_entity: 'anyone_can_view' });
    // The text and the .docx still come, and the card carries the document's URL.
    expect(uploadedFiles(t!.fake).map((f) => f.fileName)).toEqual([`${doc.title.replace(/（草稿 .*）$/, '')}.docx`]);
    expect(JSON.stringify(linkCards(t!)[0]!.content)).toContain(`/docx/${doc.documentId}`);
    const descendant = t!.fake.requests.filter((r) => r.path.endsWith('/descendant'));
    expect(descendant.every((r) => r.body.descendants.length <= 1000)).toBe(true);
  });

  it('waits out 429 and 99991400 answers and writes each block once', async () => {
    await start();
    await seedYear(t!.bot.db, 120);
    t!.fake.fail('/docx/v1/documents', { status: 400, code: 99991400 }, 1);
    t!.fake.fail('/descendant', { status: 429, code: 99991400 }, 2);
    await t!.post(messageEvent({ text: '/总结 2023', from: LEADER }));
    await waitFor(() => linkCards(t!).length === 1, 20_000, 'the card');
    expect(cloud.findings).toEqual([]);
    const doc = [...cloud.state.documents.values()];
    expect(doc).toHaveLength(1);
    const tokens = t!.fake.requests.filter((r) => r.path.endsWith('/descendant')).map((r) => r.query.client_token);
    // The two refused calls were sent again with their own client_token; the document got each call once.
    expect(tokens.length).toBeGreaterThanOrEqual(new Set(tokens).size + 2);
    console.log(`descendant calls ${tokens.length} for ${new Set(tokens).size} client tokens; limits answered by the fake: app ${cloud.limited.app}, document ${cloud.limited.document}`);
    const codes = blocksInOrder(doc[0]!).filter((b) => b.block_type === 2 && /^QY2023-\d{4}$/.test(textOf(b)));
    expect(new Set(codes.map(textOf)).size).toBe(codes.length);
  });

  it('makes one document for a redelivered /总结 and for a create call that timed out after Lark made it', async () => {
    await start();
    await seedYear(t!.bot.db, 30);
    t!.fake.fail('/docx/v1/documents', { acceptThenReset: true }, 1);
    const event = messageEvent({ text: '/总结 2023', from: LEADER });
    await t!.post(event);
    await waitFor(() => linkCards(t!).length === 1, 20_000, 'the card');
    await t!.post(event);
    await new Promise((r) => setTimeout(r, 500));
    expect(t!.fake.requests.filter((r) => r.path === '/open-apis/docx/v1/documents')).toHaveLength(1);
    expect(cloud.state.documents.size).toBe(1);
    expect(linkCards(t!)).toHaveLength(1);
  });

  it('tells the asker once, in one line, what to grant when the folder is not shared; the text and .docx still arrive', async () => {
    await start();
    await seedYear(t!.bot.db, 10);
    cloud.refuse.docs = true;
    await t!.post(messageEvent({ text: '/总结 2023', from: LEADER }));
    const told = await waitFor(() => t!.fake.textsTo(LEADER).find((x) => x.includes('云文档未能生成')), 15_000, 'the line');
    await waitFor(() => uploadedFiles(t!.fake).length === 1, 15_000, 'the .docx');
    await t!.post(messageEvent({ text: '/总结 2023', from: LEADER }));
    await waitFor(() => uploadedFiles(t!.fake).length === 2, 15_000, 'the second .docx');
    await new Promise((r) => setTimeout(r, 500));
    expect(t!.fake.textsTo(LEADER).filter((x) => x.includes('云文档未能生成'))).toHaveLength(1);
    expect(told).toContain('文件夹共享给应用');
    expect(told).not.toMatch(/\n|undefined|fld/);
    expect(cloud.state.documents.size).toBe(0);
  });
});
