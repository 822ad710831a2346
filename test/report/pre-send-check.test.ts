import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { uncheckedMessage } from '../../src/handlers/commands/summary.js';
import { draftDocx } from '../../src/presentation/report/draft-docx.js';
import { renderDraft } from '../../src/presentation/report/render-draft.js';
import { loadDraftTemplate } from '../../src/presentation/report/template.js';
import { verifyDraft } from '../../src/presentation/report/verify-draft.js';
import { tallyOf } from '../../src/domain/report/ledger-tally.js';
import type { LedgerEntry } from '../../src/domain/report/year-figures.js';
import { messageEvent } from '../support/lark-payloads.js';
import { LEADER, startTestBot, waitFor, type TestBot } from '../support/test-bot.js';
import { sentTexts } from './support/draft-output.js';
import { figures, tally } from './support/figures.js';
import { seedCases } from './support/seed.js';

let t: TestBot;
afterEach(async () => t?.destroy());

const rowsOf = (n: number, o: Partial<LedgerEntry> = {}): LedgerEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    code: `QY2031-${String(i + 1).padStart(4, '0')}`, enterprise: '甲科技有限公司', category: 'tax_policy', receivedDate: '2031-03-01',
    deadline: '2031-03-20', status: 'resolved', resolvedDate: '2031-03-05', withinDeadline: '是' as const, ...o,
  }));

describe('the check before sending (pure)', () => {
  const f = figures({ tallies: [tally({ category: 'tax_policy', enterprise: '甲科技有限公司', cases: 7 })] });
  const draft = renderDraft(f, loadDraftTemplate(), '投资促进局');

  it('passes a draft whose figures, appendix rows, post and .docx agree', async () => {
    expect(verifyDraft({ figures: f, appendix: tallyOf(rowsOf(7)), returned: [], draft, docx: await draftDocx(draft, rowsOf(7)) })).toEqual([]);
  });

  it('names the figure that disagrees with the appendix rows', async () => {
    const rows = rowsOf(7).map((r, i) => (i === 0 ? { ...r, resolvedDate: '2031-03-25', withinDeadline: '否' as const } : r));
    const out = verifyDraft({ figures: f, appendix: tallyOf(rows), returned: [], draft, docx: await draftDocx(draft, rows) });
    expect(out).toContainEqual({ figure: '按时办结数', expected: '6', actual: '7' });
  });

  it('finds a .docx that says another number than the post', async () => {
    const other = renderDraft(figures({ tallies: [tally({ category: 'tax_policy', enterprise: '甲科技有限公司', cases: 8 })] }), loadDraftTemplate(), '投资促进局');
    const out = verifyDraft({ figures: f, appendix: tallyOf(rowsOf(7)), returned: [], draft, docx: await draftDocx(other, rowsOf(7)) });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ expected: '7', actual: '8' });
    expect(out[0]!.figure).toMatch(/^文字稿与 Word 文件中的第\d+个数字$/);
  });
});

describe('the check before sending, through the webhook', () => {
  it('sends nothing when the category counts do not add up to the total, tells the requester and logs the figure', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(s) });
    t = await startTestBot({ log });
    await seedCases(t.bot.db, [
      { enterprise: '好得科技有限公司', category: 'tax_policy', receivedDate: '2023-03-14', resolvedDate: '2023-03-20' },
      // A category the bot no longer knows: counted in the total, in no clause.
      { enterprise: '旧类别企业有限公司', category: 'legacy_consulting', receivedDate: '2023-04-14', resolvedDate: '2023-04-20' },
    ]);
    await t.post(messageEvent({ text: '/总结 2023', from: LEADER }));
    await waitFor(() => t.fake.messages.length === 2, 15_000, 'two replies');
    expect(sentTexts(t.fake)).toEqual(['正在生成2023年法治政府建设工作总结，请稍候…', uncheckedMessage(2023)]);
    expect(t.fake.messages.some((m) => m.msgType === 'post' || m.msgType === 'file')).toBe(false);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg?.includes('pre-send check'));
    expect(logged.mismatches).toContainEqual({ figure: '各类别件数之和', expected: '2', actual: '1' });
  }, 30_000);
});
