import { card } from '../../bot/message.js';
import { enqueue } from '../../bot/outbox-request.js';
import { stableUuid } from '../../bot/stable-uuid.js';
import type { Clock } from '../../clock.js';
import type { Logger } from '../../logger.js';
import { cloudDocumentCard, cloudDocumentText } from '../../presentation/cards/cloud-document-card.js';
import type { Db } from '../../store/database.js';
import { documentProgress, heldDocumentIds, saveProgress } from '../../store/cloud/cloud-documents.js';
import type { OutboxRow } from '../../store/sql/queue-sql.js';
import type { CloudApi } from '../../transport/cloud-api.js';
import { LarkApiError } from '../../transport/lark-api.js';
import { DOCX_GAP_MS, Pacer } from '../paced-calls.js';
import { isRefusal, permissionWorks, tellOnce } from '../permission-notice.js';
import { draftCalls } from './draft-blocks.js';
import type { DocumentPayload } from './document-payload.js';

export interface CloudDeps {
  db: Db;
  cloud: CloudApi;
  log: Logger;
  clock: Clock;
  /** Pause between docx calls (tests of the pace itself may shorten it). */
  gapMs?: number;
}

/** Drive lists created_time in seconds; a document of this row is not older than the row (less a minute of clock skew). */
const SKEW_S = 60;

/**
 * Sends one 'docx' outbox row: creates the document (once per row, whatever happens), writes
 * its blocks a call at a time (each call's client_token is fixed, progress kept), shares it,
 * posts the 请核实 comment, and leaves the 「在飞书中打开」 card in the outbox. Each step is
 * recorded as done, so a retry (after a timeout, a 429, a kill -9) goes on from where it was.
 */
export async function sendDocument(row: OutboxRow, deps: CloudDeps): Promise<string> {
  const { db, cloud, clock } = deps;
  const p = JSON.parse(row.payload) as DocumentPayload;
  const pacer = new Pacer({ gapMs: deps.gapMs ?? DOCX_GAP_MS });
  try {
    let doc = await documentProgress(db, row.uuid, clock.now());
    if (!doc.documentId) {
      // A call that timed out may have made the document: adopt it rather than make a second.
      const orphan = row.attempts > 0 ? await findOrphan(deps, p, row) : undefined;
      const documentId = orphan ?? (await pacer.call(() => cloud.createDocument({ folderToken: p.folderToken, title: p.title }))).documentId;
      doc = await saveProgress(db, row.uuid, { documentId }, clock.now());
    }
    const documentId = doc.documentId!;
    const calls = draftCalls(p.draft, p.ledger, p.returned);
    for (let i = doc.chunksWritten; i < calls.length; i++) {
      await pacer.call(() => cloud.createDescendants({ documentId, blockId: documentId, body: calls[i]!, clientToken: stableUuid(`${row.uuid}:blocks:${i}`) }));
      doc = await saveProgress(db, row.uuid, { chunksWritten: i + 1 }, clock.now());
    }
    if (!doc.shared) {
      await share(cloud, documentId, p);
      doc = await saveProgress(db, row.uuid, { shared: true }, clock.now());
    }
    if (!doc.commented) {
      if (p.draft.checks.length) await cloud.addComment({ token: documentId, body: checksComment(p) });
      doc = await saveProgress(db, row.uuid, { commented: true }, clock.now());
    }
    const url = doc.url ?? (await cloud.documentUrl(documentId));
    if (!doc.url) await saveProgress(db, row.uuid, { url }, clock.now());
    const info = { title: p.title, url, checks: p.draft.checks.length, leaders: p.leaderIds.length };
    await enqueue(db, { kind: 'message', to: p.cardTo, message: card(cloudDocumentCard(info), cloudDocumentText(info)), uuid: stableUuid(`${row.uuid}:card`), orderKey: p.orderKey }, clock.now());
    await permissionWorks(db, 'docs', [p.askerId]);
    deps.log.info({ outbox: row.id, blocks: calls.reduce((n, c) => n + c.descendants.length, 0), calls: calls.length }, 'cloud document written');
    return documentId;
  } catch (e) {
    if (!isRefusal(e)) throw e;
    await tellOnce(db, { area: 'docs', people: [p.askerId], error: e, key: row.uuid, now: clock.now() });
    // Asking again changes nothing until someone grants it; the next /总结 tries afresh.
    throw new LarkApiError(`cloud document refused: ${e.message}`, { ...e.info, retryable: false });
  }
}

/** The asker may do anything; leaders view (and comment: comment_entity below); no link, nobody outside. */
async function share(cloud: CloudApi, token: string, p: DocumentPayload): Promise<void> {
  const leaders = p.leaderIds.filter((id) => id !== p.askerId);
  const members = [
    { member_type: 'openid' as const, member_id: p.askerId, perm: 'full_access' as const, type: 'user' as const },
    ...leaders.map((id) => ({ member_type: 'openid' as const, member_id: id, perm: 'view' as const, type: 'user' as const })),
  ];
  await cloud.addMembers({ token, body: { members } });
  await cloud.setPublicPermission({
    token,
    body: { external_access_entity: 'closed', link_share_entity: 'closed', comment_entity: 'anyone_can_view', share_entity: 'same_tenant', manage_collaborator_entity: 'collaborator_full_access', security_entity: 'only_full_access', copy_entity: 'only_full_access' },
  });
}

/** The API adds whole-document comments only (drive: file.comment create): the 请核实 list, which the office resolves once checked. */
function checksComment(p: DocumentPayload) {
  const lines = p.draft.checks.map((c, i) => `${i + 1}. 「${c.claim}」：${c.note}。`);
  const text = `请核实：以下表述在本年度台账中没有对应记录（正文中已标黄），核实后保留或删除。\n${lines.join('\n')}`;
  return { reply_list: { replies: [{ content: { elements: [{ type: 'text_run' as const, text_run: { text } }] } }] } };
}

async function findOrphan(deps: CloudDeps, p: DocumentPayload, row: OutboxRow): Promise<string | undefined> {
  const since = Math.floor(row.createdAt.getTime() / 1000) - SKEW_S;
  const candidates = (await deps.cloud.listFolder(p.folderToken)).filter((f) => f.type === 'docx' && f.name === p.title && (f.createdTime ?? since) >= since);
  const held = await heldDocumentIds(deps.db, candidates.map((f) => f.token));
  const orphan = candidates.find((f) => !held.has(f.token));
  if (orphan) deps.log.warn({ outbox: row.id }, 'adopted the document a timed-out call had made');
  return orphan?.token;
}
