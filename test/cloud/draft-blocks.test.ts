import { describe, expect, it } from 'vitest';
import { BLOCK, draftCalls, MAX_BLOCKS_PER_CALL, rowsPerTable } from '../../src/cloud/docs/draft-blocks.js';
import type { Draft } from '../../src/presentation/report/render-draft.js';
import { LEDGER_COLUMNS } from '../../src/presentation/report/ledger-columns.js';
import { checkDescendants } from '../support/cloud-shapes.js';

const draft: Draft = {
  year: 2023,
  title: '投资促进局2023年法治政府建设工作总结',
  blocks: [
    { kind: 'h1', text: '一、工作开展情况' },
    { kind: 'para', lead: '（一）加强组织领导。', text: '', segments: [{ text: '共受理企业诉求3件。', note: { kind: 'source', text: '来源：附件全部3行。' } }, { text: '常态化开展日常督查。', note: { kind: 'check', text: '无督查记录' } }] },
  ],
  checks: [{ claim: '常态化开展日常督查', note: '2023年无督查记录，请核实或删除' }],
};
// As many cells as the appendix has columns (ledger-columns.ts).
const row = (i: number) => [`QY2023-${String(i).padStart(4, '0')}`, ...Array.from({ length: LEDGER_COLUMNS.length - 1 }, () => '是')];

describe('the draft as docx blocks (docx: document.block.descendant create)', () => {
  it('fits a district’s year of 9,999 cases (the most a year’s codes allow) into calls of at most 1,000 blocks, each as documented, every case once', () => {
    const calls = draftCalls(draft, Array.from({ length: 9_999 }, (_, i) => row(i + 1)), []);
    for (const c of calls) {
      expect(c.descendants.length).toBeLessThanOrEqual(MAX_BLOCKS_PER_CALL);
      expect(checkDescendants(c as never, { client_token: '00000000-0000-4000-8000-000000000000', document_revision_id: '-1' }, 'doc', 'doc')).toEqual([]);
    }
    const codes = calls.flatMap((c) => c.descendants).flatMap((b) => b.text?.elements ?? []).map((e) => e.text_run?.content ?? '').filter((t) => /^QY2023-\d{4}$/.test(t));
    expect(codes).toHaveLength(9_999);
    expect(new Set(codes).size).toBe(9_999);
    expect(calls.length).toBe(1 + Math.ceil(9_999 / rowsPerTable(LEDGER_COLUMNS.length)));
  });

  it('puts a figure’s source in a callout under its paragraph and highlights a claim without a record', () => {
    const [call] = draftCalls(draft, [row(1)], []);
    const top = call!.children_id.map((id) => call!.descendants.find((b) => b.block_id === id)!);
    expect(top.map((b) => b.block_type)).toEqual([BLOCK.heading2, BLOCK.text, BLOCK.callout, BLOCK.heading2, BLOCK.text, BLOCK.text, BLOCK.heading2, BLOCK.table]);
    const para = top[1]!.text!.elements;
    expect(para[0]).toEqual({ text_run: { content: '（一）加强组织领导。', text_element_style: { bold: true } } });
    expect(para[2]).toEqual({ text_run: { content: '常态化开展日常督查。', text_element_style: { background_color: 3 } } });
    const note = call!.descendants.find((b) => b.block_id === top[2]!.children![0])!;
    expect(note.text!.elements[0]!.text_run!.content).toBe('来源：附件全部3行。');
  });
});
