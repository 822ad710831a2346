import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/database.js';
import type { FileType } from '../transport/lark-api.js';
import type { OutMessage, Target } from '../transport/messages.js';

export interface Person {
  openId: string;
  isAdmin: boolean;
  isLeader: boolean;
}

export interface ChatRef {
  chatId: string;
  chatType: 'p2p' | 'group';
}

/** Read-only look-ups of people and chats (names, members); never sends anything. */
export interface Directory {
  userName(openId: string): Promise<string | undefined>;
  chatMembers(chatId: string): Promise<Array<{ openId: string; name: string }>>;
}

/** What every handler is given: who, where, how to answer, the clock and the store. Never the SDK. */
export interface HandlerContext {
  eventId: string;
  user: Person;
  chat: ChatRef;
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  directory: Directory;
  /** Answers the conversation the event came from (a reply to the message when there is one). */
  reply(message: OutMessage, opts?: { ref?: string }): Promise<void>;
  /** Sends to any chat or person (e.g. leaders' direct messages). */
  send(to: Target, message: OutMessage, opts?: { ref?: string }): Promise<void>;
  sendFile(to: Target, file: { fileName: string; fileType: FileType; data: Buffer }): Promise<void>;
  /** Replaces an interactive card already sent (PATCH). */
  updateCard(messageId: string, card: Record<string, unknown>): Promise<void>;
}

export interface CommandContext extends HandlerContext {
  /** The message that carried the command. */
  messageId: string;
  /** The command's name as typed, without the slash. */
  command: string;
  /** Everything after the command name, trimmed. */
  args: string;
}

export interface CardAction {
  tag: string;
  name?: string | undefined;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown> | undefined;
  option?: string | undefined;
  inputValue?: string | undefined;
}

export interface ActionContext extends HandlerContext {
  /** The message holding the card that was clicked. */
  messageId: string;
  action: CardAction;
}

/** What a card callback answers within 3 s: a toast and/or the card's new content. */
export interface CardAnswer {
  toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string };
  card?: Record<string, unknown>;
}

export interface CommandHandler {
  /** Stable id (used in logs and tests). */
  id: string;
  /** Names a user may type after the slash; the first is shown in /帮助. */
  names: string[];
  /** One line for /帮助, e.g. "/诉求 <编号>". */
  usage: string;
  summary: string;
  /** Shown to admins only in /帮助 when true. */
  adminOnly?: boolean;
  run(ctx: CommandContext): Promise<void>;
}

export interface ActionHandler {
  /** Matches `action.value.action` of the card element that was clicked. */
  id: string;
  run(ctx: ActionContext): Promise<CardAnswer>;
}

/** Plain text in a direct chat (no slash) goes here when a handler claims it. */
export interface TextHandler {
  id: string;
  run(ctx: CommandContext): Promise<void>;
}
