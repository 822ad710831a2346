import type { OutMessage } from '../bot/message.js';
import type { MsgType } from './lark-api.js';

/** A message as Lark's msg_type and content JSON. */
export function toLarkContent(message: OutMessage): { msgType: MsgType; content: string } {
  switch (message.type) {
    case 'text':
      return { msgType: 'text', content: JSON.stringify({ text: message.text }) };
    case 'card':
      return { msgType: 'interactive', content: JSON.stringify(message.card) };
    case 'post':
      return { msgType: 'post', content: JSON.stringify({ zh_cn: { title: message.post.title ?? '', content: message.post.content } }) };
  }
}
