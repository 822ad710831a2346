import { addCallbackValues, loadTemplate, type CardJson } from './template.js';

/** The card the bot posts once when it is added to a group: what it does there. */
export function welcomeCard(): CardJson {
  const card = loadTemplate('welcome-card');
  addCallbackValues(card, { chat_type: 'group' });
  return card;
}

export function welcomeText(): string {
  return [
    '法治助手已加入本群。',
    '在群里先 @法治助手 再输入指令，例如「@法治助手 /周报」。',
    '会前学法签到：发送「@法治助手 /学法 主题」，参会人员在卡片上签到或请假。',
    '每周工作进展定时推送到周报群；管理员在本群发送「@法治助手 /设置周报群」即可设为周报群。',
    '企业诉求请在与我的单聊中上报和查看。发送「@法治助手 /帮助」查看全部指令。',
  ].join('\n');
}
