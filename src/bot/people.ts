import type { Config } from '../config.js';

export interface Person {
  openId: string;
  isAdmin: boolean;
  isLeader: boolean;
}

export interface ChatRef {
  chatId: string;
  chatType: 'p2p' | 'group';
}

/** Read-only look-ups of people and chats (names, members) in Lark; never sends anything. */
export interface Directory {
  userName(openId: string): Promise<string | undefined>;
  chatMembers(chatId: string): Promise<Array<{ openId: string; name: string }>>;
}

/** A person with the roles the configuration gives them. */
export function personOf(config: Config, openId: string): Person {
  return { openId, isAdmin: config.BOT_ADMINS.includes(openId), isLeader: config.BOT_LEADERS.includes(openId) };
}
