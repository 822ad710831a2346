import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCallbackAnswer, checkCard } from '../../src/presentation/cards/card-check.js';

/**
 * Lark's own example cards. Left out: examples that declare schema 2.0 but carry JSON 1.0
 * properties their own field tables do not list (e.g. the button page's `value`/`url`, the
 * input page's form with `action_type`, `wide_screen_mode`, `i18n_header`): the check is right
 * to refuse those, and the real client says it refuses unsupported properties.
 */
const docs = JSON.parse(readFileSync(new URL('../fixtures/lark-doc-cards.json', import.meta.url), 'utf8')) as {
  cards: Array<{ page: string; card: unknown }>;
  callbackAnswer: { page: string; answer: unknown };
};

const button = (o: Record<string, unknown> = {}) => ({ tag: 'button', text: { tag: 'plain_text', content: '确定' }, behaviors: [{ type: 'callback', value: { action: 'x' } }], ...o });
const form = (elements: unknown[], o: Record<string, unknown> = {}) => ({ tag: 'form', name: 'f', elements, ...o });
const submit = (o: Record<string, unknown> = {}) => button({ name: 'ok', form_action_type: 'submit', ...o });
const cardOf = (...elements: unknown[]) => ({ schema: '2.0', body: { elements } });

describe('the card check agrees with Lark’s documentation', () => {
  it.each(docs.cards.map((d) => [d.page, d.card]))('finds nothing in the example card of %s', (_page, card) => {
    expect(checkCard(card)).toEqual([]);
  });

  it('finds nothing in the documented callback answer', () => {
    expect(checkCallbackAnswer(docs.callbackAnswer.answer)).toEqual([]);
  });

  it('finds nothing in a card with a named form, fields and a submit button', () => {
    expect(checkCard(cardOf(form([{ tag: 'input', name: 'reason' }, { tag: 'select_person', name: 'who' }, submit()])))).toEqual([]);
  });
});

describe('the card check catches what the documentation forbids', () => {
  const caught: Array<[string, unknown, RegExp]> = [
    ['a card without schema 2.0', { body: { elements: [] } }, /schema/],
    ['a property a component does not define (the study card’s 请假 button with content)', cardOf(button({ content: '**请假 0 人**' })), /不支持属性 content/],
    ['a name on a button outside a form', cardOf(button({ name: 'accept' })), /不支持属性 name/],
    ['a name on a person picker outside a form', cardOf({ tag: 'select_person', name: 'who' }), /不支持属性 name/],
    ['an element_id starting with a digit', cardOf({ tag: 'hr', element_id: '1st' }), /element_id「1st」/],
    ['an element_id with a hyphen', cardOf({ tag: 'hr', element_id: 'a-b' }), /element_id「a-b」/],
    ['an element_id over 20 characters', cardOf({ tag: 'hr', element_id: 'a'.repeat(21) }), /不超过 20 字符/],
    ['an element_id used twice', cardOf({ tag: 'hr', element_id: 'x' }, { tag: 'markdown', element_id: 'x', content: '' }), /重复 2 次/],
    ['a form inside a column', cardOf({ tag: 'column_set', columns: [{ tag: 'column', elements: [form([submit()])] }] }), /只能放在 body.elements 顶层/],
    ['a form without a name', cardOf(form([submit()], { name: undefined })), /必须有 name/],
    ['a form without a submit button', cardOf(form([{ tag: 'input', name: 'a' }])), /提交按钮/],
    ['a form field without a name', cardOf(form([{ tag: 'input' }, submit()])), /在表单内必须有 name/],
    ['a field name used twice', cardOf(form([{ tag: 'input', name: 'ok' }, submit()])), /name「ok」重复/],
    ['a form action that is neither submit nor reset', cardOf(form([submit({ form_action_type: 'send' })])), /submit 或 reset/],
    ['a button text over 100 characters', cardOf(button({ text: { tag: 'plain_text', content: '字'.repeat(101) } })), /超过 100 字/],
    ['an input max_length over 1000', cardOf(form([{ tag: 'input', name: 'a', max_length: 2000 }, submit()])), /max_length/],
    ['a default value longer than max_length', cardOf(form([{ tag: 'input', name: 'a', max_length: 3, default_value: '四个字符' }, submit()])), /default_value/],
    ['a person option that is not an open_id', cardOf({ tag: 'select_person', options: [{ value: '张三' }] }), /open_id/],
    ['a callback behaviour without an object value', cardOf(button({ behaviors: [{ type: 'callback', value: 'x' }] })), /value 应为对象/],
    ['@所有人 in markdown', cardOf({ tag: 'markdown', content: '企业：<at id=all></at>' }), /@所有人/],
    ['201 elements', cardOf(...Array.from({ length: 201 }, () => ({ tag: 'hr' }))), /超过 200 个/],
    ['a card over 30 KB', cardOf({ tag: 'markdown', content: '字'.repeat(11_000) }), /超过 30 KB/],
    ['a shared-card setting JSON 2.0 does not allow', { schema: '2.0', config: { update_multi: false }, body: { elements: [] } }, /update_multi/],
    ['a header colour Lark does not have', { schema: '2.0', header: { title: { tag: 'plain_text', content: 'x' }, template: 'neutral' } }, /header.template/],
  ];
  it.each(caught)('catches %s', (_what, card, finding) => {
    const findings = checkCard(card);
    expect(findings.some((f) => finding.test(f)), findings.join('\n')).toBe(true);
  });

  it('catches a callback answer with an unknown toast type, a bare card or a broken card', () => {
    expect(checkCallbackAnswer({ toast: { type: 'ok', content: '好' } }).join()).toMatch(/toast.type/);
    expect(checkCallbackAnswer({ card: { schema: '2.0', body: { elements: [] } } }).join()).toMatch(/type: "raw"/);
    expect(checkCallbackAnswer({ card: { type: 'raw', data: cardOf(button({ name: 'x' })) } }).join()).toMatch(/card.data: .*不支持属性 name/);
    expect(checkCallbackAnswer({ toast: { type: 'info', content: '好' }, message: 'x' }).join()).toMatch(/不支持属性 message/);
  });
});
