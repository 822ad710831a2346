import type { Registry } from '../../src/bot/registry.js';
import { registry } from '../../src/handlers/registry.js';
import type { ActionHandler, CommandHandler } from '../../src/bot/registry.js';
import { card, text } from '../../src/bot/message.js';

/** A test-only card with every form element the bot uses, to check the local chat end to end. */
export const TEST_CARD = {
  schema: '2.0',
  header: { title: { tag: 'plain_text', content: '测试表单' }, template: 'blue' },
  body: {
    elements: [
      { tag: 'markdown', content: '请填写**测试**信息' },
      {
        tag: 'form',
        name: 'test_form',
        elements: [
          { tag: 'input', name: 'enterprise', label: { tag: 'plain_text', content: '企业名称' }, required: true, placeholder: { tag: 'plain_text', content: '请输入企业名称' } },
          { tag: 'input', name: 'content', input_type: 'multiline_text', rows: 3, label: { tag: 'plain_text', content: '诉求内容' } },
          { tag: 'select_static', name: 'category', options: [{ text: { tag: 'plain_text', content: '用人需求' }, value: 'staffing' }, { text: { tag: 'plain_text', content: '其他' }, value: 'other' }] },
          { tag: 'date_picker', name: 'received_date', initial_date: '2025-03-14' },
          { tag: 'button', name: 'submit', text: { tag: 'plain_text', content: '提交' }, type: 'primary', form_action_type: 'submit', behaviors: [{ type: 'callback', value: { action: 'test.form' } }] },
        ],
      },
      { tag: 'hr' },
      { tag: 'button', text: { tag: 'plain_text', content: '更新' }, behaviors: [{ type: 'callback', value: { action: 'test.patch' } }] },
    ],
  },
};

/** Display elements: layout, table, chart (VChart spec), collapsible panel, person select outside a form. */
export const DISPLAY_CARD = {
  schema: '2.0',
  header: { title: { tag: 'plain_text', content: '展示元素' }, subtitle: { tag: 'plain_text', content: '副标题' }, template: 'green' },
  body: {
    elements: [
      { tag: 'column_set', columns: [
        { tag: 'column', weight: 1, elements: [{ tag: 'markdown', content: '**左栏**' }] },
        { tag: 'column', weight: 1, elements: [{ tag: 'div', text: { tag: 'plain_text', content: '右栏' } }] },
      ] },
      { tag: 'table', columns: [{ name: 'category', display_name: '类别' }, { name: 'count', display_name: '件数', data_type: 'number' }], rows: [{ category: '用人需求', count: 3 }, { category: '其他', count: 1 }] },
      { tag: 'chart', chart_spec: { type: 'bar', title: { text: '各类诉求' }, data: { values: [{ c: '用人需求', n: 3 }, { c: '其他', n: 1 }] }, xField: 'c', yField: 'n' } },
      { tag: 'collapsible_panel', expanded: false, header: { title: { tag: 'markdown', content: '明细' } }, elements: [{ tag: 'markdown', content: '折叠内容' }] },
      { tag: 'select_person', placeholder: { tag: 'plain_text', content: '选择人员' }, behaviors: [{ type: 'callback', value: { action: 'test.person' } }] },
    ],
  },
};

/** A card Lark would refuse: a form name on a button outside a form (the local chat must say so). */
export const BROKEN_CARD = {
  schema: '2.0',
  body: { elements: [{ tag: 'button', name: 'accept', text: { tag: 'plain_text', content: '受理' }, behaviors: [{ type: 'callback', value: { action: 'test.patch' } }] }] },
};

/** What the test action handlers saw, for assertions. */
export const seen: { formValues: Array<Record<string, unknown>>; operators: string[] } = { formValues: [], operators: [] };

const testCardCommand: CommandHandler = {
  id: 'test-card',
  names: ['测试卡片'],
  usage: '/测试卡片',
  summary: '（测试）表单卡片',
  async run(ctx) {
    await ctx.reply(card(TEST_CARD));
  },
};

const displayCardCommand: CommandHandler = {
  id: 'test-display',
  names: ['测试展示'],
  usage: '/测试展示',
  summary: '（测试）展示元素卡片',
  async run(ctx) {
    await ctx.reply(card(DISPLAY_CARD));
  },
};

const brokenCardCommand: CommandHandler = {
  id: 'test-broken',
  names: ['测试坏卡片'],
  usage: '/测试坏卡片',
  summary: '（测试）不合规范的卡片',
  async run(ctx) {
    await ctx.reply(card(BROKEN_CARD));
  },
};

const person: ActionHandler = {
  id: 'test.person',
  async run(ctx) {
    return { toast: { type: 'info', content: `已选择 ${String(ctx.action.option)}（${ctx.action.tag}）` } };
  },
};

const submit: ActionHandler = {
  id: 'test.form',
  async run(ctx) {
    const v = ctx.action.formValue ?? {};
    seen.formValues.push(v);
    seen.operators.push(ctx.user.openId);
    if (!v.enterprise) return { toast: { type: 'error', content: '请填写企业名称' } };
    return {
      toast: { type: 'success', content: `已登记：${String(v.enterprise)}` },
      card: { schema: '2.0', header: { title: { tag: 'plain_text', content: '已登记' }, template: 'green' }, body: { elements: [{ tag: 'markdown', content: `企业：${String(v.enterprise)}｜类别：${String(v.category)}｜日期：${String(v.received_date)}` }] } },
    };
  },
};

const patch: ActionHandler = {
  id: 'test.patch',
  async run(ctx) {
    await ctx.updateCard(ctx.messageId, { schema: '2.0', body: { elements: [{ tag: 'markdown', content: '卡片已在原处更新' }] } });
    await ctx.sendFile({ chatId: ctx.chat.chatId }, { fileName: '测试文件.docx', fileType: 'doc', data: Buffer.from('PK-test-bytes') });
    await ctx.reply(text('已更新并发送文件'));
    return { toast: { type: 'info', content: '正在更新' } };
  },
};

/** The real registry plus the test card. */
export function registryWithTestCard(base: Registry = registry): Registry {
  return { ...base, commands: [...base.commands, testCardCommand, displayCardCommand, brokenCardCommand], actions: [...base.actions, submit, patch, person] };
}
