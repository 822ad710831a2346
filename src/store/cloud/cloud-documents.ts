import type { Db } from '../database.js';
import type { CloudDocument } from '../../generated/prisma/client.js';

export type { CloudDocument };

/** The progress of one /总结 event's document, created on first look. */
export async function documentProgress(db: Db, key: string, now: Date): Promise<CloudDocument> {
  return db.cloudDocument.upsert({ where: { key }, create: { key, createdAt: now, updatedAt: now }, update: {} });
}

export async function saveProgress(db: Db, key: string, change: Partial<Pick<CloudDocument, 'documentId' | 'url' | 'chunksWritten' | 'shared' | 'commented'>>, now: Date): Promise<CloudDocument> {
  return db.cloudDocument.update({ where: { key }, data: { ...change, updatedAt: now } });
}

/** Documents some event already holds: a folder file among these is not an orphan to adopt. */
export async function heldDocumentIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.cloudDocument.findMany({ where: { documentId: { in: ids } }, select: { documentId: true } });
  return new Set(rows.map((r) => r.documentId!));
}

/** The document of a /总结 event (local mode's page looks documents up by id). */
export async function findDocument(db: Db, documentId: string): Promise<CloudDocument | null> {
  return db.cloudDocument.findUnique({ where: { documentId } });
}
