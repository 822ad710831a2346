import { describe, expect, it } from 'vitest';
import { myCasesCard } from '../../src/presentation/cards/my-cases-card.js';
import type { CaseRecord } from '../../src/store/cases/case-types.js';

const openCase = (code: string) =>
  ({ code, category: 'staffing', status: 'in_progress', deadline: '2023-10-20', deadlineProvisional: false, enterprise: { name: '好得科技有限公司' } }) as unknown as CaseRecord;

describe('the /我的 card', () => {
  it('writes no <…> placeholder in its markdown, which Card JSON 2.0 reads as an HTML tag and drops', () => {
    const card = myCasesCard([openCase('QY2023-0007'), openCase('QY2023-0012')], '2023-10-10') as any;
    const markdown: string[] = card.body.elements.filter((e: any) => e.tag === 'markdown').map((e: any) => e.content);
    for (const m of markdown) expect(m).not.toMatch(/<(?!\/?(?:at|font)\b)[^>]*>/);
    expect(markdown.at(-1)).toContain('/诉求 QY2023-0007');
  });

  it('stays under the card size limit of Lark with hundreds of open cases, saying how many are not listed', () => {
    const many = Array.from({ length: 300 }, (_, i) => openCase(`QY2023-${String(i + 1).padStart(4, '0')}`));
    const card = myCasesCard(many, '2023-10-10') as any;
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(30_000);
    expect(card.header.title.content).toContain('300件');
    expect(JSON.stringify(card)).toContain('另有240件期限较远的诉求未列出');
  });
});
