import { addCallbackValues, loadTemplate, type CardJson } from './template.js';

/** The card a person gets the first time they open the direct chat with the bot. */
export function greetingCard(): CardJson {
  const card = loadTemplate('greeting-card');
  addCallbackValues(card, { chat_type: 'p2p' });
  return card;
}

export function greetingText(): string {
  return '您好，我是法治助手。直接发一句企业诉求描述即可上报，我会生成上报卡片供您核对；发送 /我的 查看在办诉求，发送 /帮助 查看全部指令。';
}
