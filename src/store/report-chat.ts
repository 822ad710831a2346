import type { Config } from '../config.js';
import type { Db } from './database.js';

const KEY = 'report.chat_id';

/**
 * The chat that receives the weekly progress. The chat an admin chose with /设置周报群 wins;
 * BOT_REPORT_CHAT_ID is the default until then. (The other way round, the command would
 * answer 「已设置」 and change nothing.)
 */
export async function reportChat(db: Db, config: Config): Promise<{ chatId: string; source: 'setting' | 'env' } | undefined> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  if (row?.value) return { chatId: row.value, source: 'setting' };
  return config.BOT_REPORT_CHAT_ID ? { chatId: config.BOT_REPORT_CHAT_ID, source: 'env' } : undefined;
}

export async function setReportChat(db: Db, choice: { chatId: string; by: string; at: Date }): Promise<void> {
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: choice.chatId, updatedBy: choice.by }, update: { value: choice.chatId, updatedBy: choice.by } });
  await db.auditLog.create({ data: { at: choice.at, actor: choice.by, action: 'report_chat.set', subject: choice.chatId } });
}
