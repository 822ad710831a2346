import { chineseDay } from '../../domain/report/day-text.js';
import { parseRecordArgs } from '../../domain/report/parse-record-args.js';
import { recordKindLabel, recordUnits } from '../../domain/report/record-kinds.js';
import { createWorkRecord, workRecordTotal } from '../../store/report/work-records.js';
import { text } from '../../bot/message.js';
import { escapeTextMessage } from '../../presentation/messages/escape-text-message.js';
import { todayOf } from '../today.js';
import type { CommandHandler } from '../../bot/registry.js';

/** `/记录 <类型> <内容> [数量] [日期]`: logs other rule-of-law work so the year-end draft can count it. */
export const recordCommand: CommandHandler = {
  id: 'report.record',
  names: ['记录', 'record'],
  usage: '/记录 <类型> <内容> [数量] [日期]',
  summary: '登记合同审查、政务公开、专题推进会议、督查、培训座谈等工作（可带数量，如 15条），计入年度总结',
  async run(ctx) {
    const input = parseRecordArgs(ctx.args, todayOf(ctx));
    const saved = await createWorkRecord(ctx.db, {
      ...input,
      recordedBy: ctx.user.openId,
      chatId: ctx.chat.chatId || null,
      sourceKey: `message:${ctx.messageId}`,
    });
    const year = Number(saved.date.slice(0, 4));
    const label = recordKindLabel(saved.kind);
    const total = await workRecordTotal(ctx.db, saved.kind, year);
    const head = saved.created ? '已记录' : '该条记录此前已登记';
    const quantity = saved.quantity !== null ? `${saved.quantity}${saved.unit ?? ''}` : '';
    await ctx.reply(text(`${head}：${label}「${escapeTextMessage(saved.content)}」${quantity}（${chineseDay(saved.date)}）。${year}年${label}累计${total}${recordUnits(saved.kind)[0]}。`));
  },
};
