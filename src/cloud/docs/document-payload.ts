import type { Draft } from '../../presentation/report/render-draft.js';
import type { Target } from '../../bot/message.js';

/**
 * What an outbox row of kind 'docx' carries: the draft as it was checked and sent (the store
 * may change before a retry; the document must say what the text and .docx said), the
 * appendix as cells, who gets access, and where the 「在飞书中打开」 card goes.
 */
export interface DocumentPayload {
  folderToken: string;
  /** The draft's title and the day it was drafted: 「…总结（草稿 12月6日）」. */
  title: string;
  draft: Draft;
  /** The appendix's rows as the .docx lists them (ledger-columns.ts). */
  ledger: string[][];
  returned: string[][];
  askerId: string;
  leaderIds: string[];
  /** Where the card with the link goes (the chat the draft was asked in, or the asker). */
  cardTo: Target;
  /** The chat's order key, so the card follows the draft's messages. */
  orderKey?: string | undefined;
}
