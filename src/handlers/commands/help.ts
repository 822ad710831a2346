import { text } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';

/** Lists every command of the bot's registry (from the context) with its one line. */
export const helpCommand: CommandHandler = {
  id: 'help',
  names: ['帮助', 'help'],
  usage: '/帮助',
  summary: '查看全部指令及用法',
  async run(ctx) {
    const registry = ctx.registry;
    const visible = registry.commands.filter((c) => !c.adminOnly || ctx.user.isAdmin);
    const lines = visible.map((c) => `${c.usage}　${c.summary}${c.adminOnly ? '（仅管理员）' : ''}`);
    const p2pHint = registry.textHandler ? '\n在与我的单聊中直接描述企业诉求，即可生成上报卡片。' : '';
    const groupHint = '\n在群聊中使用时，请先 @法治助手 再输入指令。';
    await ctx.reply(text(`法治助手可用指令：\n${lines.join('\n')}${p2pHint}${groupHint}`));
  },
};
