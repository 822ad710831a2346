import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tallyOf } from '../../src/domain/report/ledger-tally.js';
import type { LedgerEntry, LedgerFollowup } from '../../src/domain/report/year-figures.js';
import { draftDocx } from '../../src/presentation/report/draft-docx.js';
import { checkTemplate, draftText, renderDraft } from '../../src/presentation/report/render-draft.js';
import { loadDraftTemplate, parseTemplate, TEMPLATE_PATH } from '../../src/presentation/report/template.js';
import { verifyDraft } from '../../src/presentation/report/verify-draft.js';
import { recordFollowup } from '../../src/store/cases/record-followup.js';
import { ADMIN, LEADER, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { documentXml, draftFromPosts, uploadedFiles, zipEntry } from './support/draft-output.js';
import { figures, tally } from './support/figures.js';
import { say } from './support/say.js';
import { seedCases } from './support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const visit = (satisfaction: string): LedgerFollowup => ({ visitDate: '2031-03-10', satisfaction, method: 'phone', opinion: null });
/** 13 resolved rows: 7 满意, 3 基本满意, 2 不满意 (each on its own case), one without 回访. */
const rows: LedgerEntry[] = Array.from({ length: 13 }, (_, i) => ({
  code: `QY2031-${String(i + 1).padStart(4, '0')}`, enterprise: '甲科技有限公司', category: 'tax_policy', receivedDate: '2031-03-01',
  deadline: '2031-03-20', status: 'resolved', resolvedDate: '2031-03-05', withinDeadline: '是' as const,
  followups: i < 7 ? [visit('satisfied')] : i < 10 ? [visit('basic')] : i < 12 ? [visit('dissatisfied')] : [],
}));
const f = figures({ tallies: [tally({ category: 'tax_policy', enterprise: '甲科技有限公司', cases: 13 })], followups: { satisfied: 7, basic: 3, dissatisfied: 2, cases: 12 } });

describe('回访 in the year-end draft (pure)', () => {
  it('says 「办结后回访企业N家次，满意及基本满意M家次，满意率X%」 from the records, and the check recomputes it from the appendix rows', async () => {
    const draft = renderDraft(f, loadDraftTemplate(), '投资促进局');
    expect(draftText(draft)).toContain('办结后回访企业12家次，满意及基本满意10家次，满意率83.3%。');
    expect(verifyDraft({ figures: f, appendix: tallyOf(rows), returned: [], draft, docx: await draftDocx(draft, rows) })).toEqual([]);

    const fewer = rows.map((r, i) => (i === 0 ? { ...r, followups: [] } : r));
    const out = verifyDraft({ figures: f, appendix: tallyOf(fewer), returned: [], draft, docx: await draftDocx(draft, fewer) });
    expect(out).toEqual([
      { figure: '回访家次', expected: '11', actual: '12' },
      { figure: '满意及基本满意家次', expected: '9', actual: '10' },
      { figure: '满意率', expected: '81.8', actual: '83.3' },
    ]);
  });

  it('has no 回访 sentence and no 满意率 without 回访 records', () => {
    const none = figures({ tallies: [tally({ category: 'tax_policy', enterprise: '甲科技有限公司', cases: 13 })] });
    expect(draftText(renderDraft(none, loadDraftTemplate(), '投资促进局'))).not.toMatch(/回访|满意/);
  });

  it('refuses a template that claims satisfaction outside the 回访 records, and flags a {{#回访}} claim the year has no record for', () => {
    const template = readFileSync(TEMPLATE_PATH, 'utf8');
    const bare = parseTemplate(template.replace('二是创新服务方式。', '二是创新服务方式，企业满意率达到较高水平。'));
    expect(() => checkTemplate(bare)).toThrow('写有满意度：请改用「{{回访}}」句式，或用「{{#回访}}…{{/回访}}」括住');
    const claimed = parseTemplate(template.replace('二是创新服务方式。', '二是创新服务方式。{{#回访}}企业对办理结果普遍满意。{{/回访}}'));
    const none = figures();
    expect(renderDraft(none, claimed, '投资促进局').checks).toContainEqual({ claim: '企业对办理结果普遍满意。', note: '2031年无办结后回访记录，请核实或删除' });
    expect(renderDraft(f, claimed, '投资促进局').checks.map((x) => x.claim)).not.toContain('企业对办理结果普遍满意。');
  });
});

describe('回访 in the year-end draft, through the webhook', () => {
  it('prints the 回访 sentence with its source comment and lists every 回访 in the appendix', async () => {
    t = await startTestBot({ env: { BOT_ORG_NAME: '烈山区投资促进局' } });
    const db = t.bot.db;
    const [a, b, c] = await seedCases(db, [
      { enterprise: '好得科技有限公司', category: 'tax_policy', receivedDate: '2023-03-01', deadline: '2023-03-22', resolvedDate: '2023-03-10' },
      { enterprise: '金龙机电有限公司', category: 'staffing', receivedDate: '2023-04-03', deadline: '2023-04-17', resolvedDate: '2023-04-10' },
      { enterprise: '淮北源淮实业有限公司', category: 'premises', receivedDate: '2023-05-04', deadline: '2023-06-01', resolvedDate: '2023-05-20' },
    ]);
    const actor = { openId: ADMIN, isAdmin: true };
    const at = new Date('2023-12-01T02:00:00Z');
    await recordFollowup(db, { code: a!, actor, at, input: { method: 'phone', visitDate: '2023-03-15', satisfaction: 'satisfied', opinion: null } });
    await recordFollowup(db, { code: b!, actor, at, input: { method: 'visit', visitDate: '2023-04-12', satisfaction: 'basic', opinion: null } });
    await recordFollowup(db, { code: c!, actor, at, input: { method: 'online', visitDate: '2023-05-22', satisfaction: 'dissatisfied', opinion: '厂房仍未交付' } });

    await say(t, '/总结 2023', LEADER);
    const docx = await waitFor(() => uploadedFiles(t.fake).find((x) => x.fileName.endsWith('.docx')), 20_000, 'the .docx');
    const text = draftFromPosts(t.fake);
    // The reopened case is no longer resolved; its 不满意 回访 still counts.
    expect(text).toContain('我局共受理企业诉求3件，已办结2件，办结率66.7%。');
    expect(text).toContain('办结后回访企业3家次，满意及基本满意2家次，满意率66.7%。');
    expect(zipEntry(docx.data, 'word/comments.xml')).toContain(
      '来源：附件《2023年企业诉求台账》「回访情况」列：回访记录3条（涉及3件诉求），其中满意1条、基本满意1条、不满意1条；满意率＝满意及基本满意2条÷回访3条。',
    );
    const appendix = documentXml(docx.data).split('附件：2023年企业诉求台账')[1]!;
    for (const cell of ['回访情况', '满意（2023-03-15）', '基本满意（2023-04-12）', '不满意（2023-05-22）']) expect(appendix).toMatch(new RegExp(`<w:t(?: xml:space="preserve")?>${cell}</w:t>`));
  }, 60_000);
});
