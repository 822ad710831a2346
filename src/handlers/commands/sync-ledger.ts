import type { LedgerSyncPayload } from '../../cloud/base/ledger-sync.js';
import { yearWord } from '../../domain/dates/year-word.js';
import { clip } from '../../domain/text/clean-input.js';
import { AppError } from '../../errors.js';
import { encodeTarget, text } from '../../bot/message.js';
import type { CommandHandler } from '../../bot/registry.js';
import { todayOf } from '../today.js';

const USAGE = '用法：/同步台账 [年份]，例如：/同步台账 2023';

/**
 * /同步台账 [年]: admins; the Base table 「企业诉求台账」 checked against the store for the year
 * and repaired (cloud/base/ledger-sync.ts), answered with counts once done.
 */
export const syncLedgerCommand: CommandHandler = {
  id: 'ledger.sync',
  names: ['同步台账'],
  usage: '/同步台账 [年份]',
  summary: '核对并修复多维表格中的企业诉求台账，回复新建、更新的条数',
  adminOnly: true,
  async run(ctx) {
    if (!ctx.user.isAdmin) throw new AppError('forbidden', '仅管理员可以同步台账。');
    const appToken = ctx.config.BOT_BITABLE_APP_TOKEN;
    if (!appToken) return ctx.reply(text('未配置多维表格（BOT_BITABLE_APP_TOKEN），台账未同步。请管理员设置后重启。'));
    const thisYear = Number(todayOf(ctx).slice(0, 4));
    const words = ctx.args.split(/\s+/).filter(Boolean);
    const year = words.length === 0 ? thisYear : words.length === 1 ? yearWord(words[0]!) : undefined;
    if (year === undefined || year > thisYear || year < 2000) throw new AppError('invalid_input', `无法识别「${clip(ctx.args)}」。${USAGE}`, { field: 'year' });
    await ctx.reply(text(`正在核对${year}年台账与多维表格，完成后回复结果。`));
    const answerTo = ctx.messageId ? { replyTo: ctx.messageId } : { openId: ctx.user.openId };
    const payload: LedgerSyncPayload = { appToken, year, answerTo, orderKey: ctx.chat.chatId ? encodeTarget({ chatId: ctx.chat.chatId }) : undefined };
    await ctx.sendCloud('ledger_sync', `${year}:${ctx.eventId}`, payload, { key: 'ledger-sync' });
  },
};
