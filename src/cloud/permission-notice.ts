import { enqueue } from '../bot/outbox-request.js';
import { text } from '../bot/message.js';
import { stableUuid } from '../bot/stable-uuid.js';
import type { Db } from '../store/database.js';
import { claimGreeting, releaseGreeting } from '../store/greetings.js';
import { LarkApiError } from '../transport/lark-api.js';
import { isPermissionRefusal } from '../transport/cloud-api.js';

type Area = 'docs' | 'base';

/** Scopes not enabled for the app (rather than a folder or Base not shared with it). */
const SCOPE_CODES = new Set([99991672, 99991679]);

/** One line naming what to grant, by what Lark refused. */
export function permissionLine(area: Area, e: LarkApiError): string {
  const scope = e.info.code !== undefined && SCOPE_CODES.has(e.info.code);
  if (area === 'docs') {
    return scope
      ? '云文档未能生成：飞书应用尚未开通云文档权限，请管理员在开发者后台为应用开通 docx:document 和 drive:drive 权限并发布新版本；文字稿和 Word 文件已照常发送。'
      : '云文档未能生成：应用无权在指定文件夹中创建文档，请管理员将 LARK_DOCS_FOLDER_TOKEN 对应的文件夹共享给应用（添加为协作者，可编辑）；文字稿和 Word 文件已照常发送。';
  }
  return scope
    ? '企业诉求台账未能同步到多维表格：飞书应用尚未开通多维表格权限，请管理员为应用开通 bitable:app 权限并发布新版本；诉求办理不受影响，开通后台账自动补齐。'
    : '企业诉求台账未能同步到多维表格：应用无权编辑指定的多维表格，请管理员在该多维表格「…」>「添加文档应用」中添加本应用并授予可编辑权限；诉求办理不受影响，授权后台账自动补齐。';
}

export const isRefusal = (e: unknown): e is LarkApiError => e instanceof LarkApiError && isPermissionRefusal(e.info);

/**
 * Tells each person once what to grant (greetings.ts keeps who was told); `key` is what
 * failed (the outbox row), so the same failure tried again tells nobody twice.
 */
export async function tellOnce(db: Db, o: { area: Area; people: string[]; error: LarkApiError; key: string; now: Date }): Promise<void> {
  const kind = o.area === 'docs' ? 'docs_permission' : 'base_permission';
  for (const openId of o.people) {
    if (!(await claimGreeting(db, { kind, subject: openId, eventId: o.key, at: o.now }))) continue;
    await enqueue(db, { kind: 'message', to: { openId }, message: text(permissionLine(o.area, o.error)), uuid: stableUuid(`${kind}:${o.key}:${openId}`) }, o.now);
  }
}

/** It works now: a later refusal is told again. */
export async function permissionWorks(db: Db, area: Area, people: string[]): Promise<void> {
  for (const openId of people) await releaseGreeting(db, area === 'docs' ? 'docs_permission' : 'base_permission', openId);
}
