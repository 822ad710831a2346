import type { Db } from './database.js';

/**
 * group_welcome: once per group chat; p2p_greeting: once per person; docs_permission and
 * base_permission: a missing cloud permission told once per person (released once it works).
 */
export type GreetingKind = 'group_welcome' | 'p2p_greeting' | 'docs_permission' | 'base_permission';

function isUniqueConflict(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

/**
 * Claims the one welcome (or greeting) for `subject`. True when this event holds the claim:
 * the first time, and again when the same event is handled again after a crash (its
 * messages carry stable uuids, so the outbox sends them once). False for any other event.
 */
export async function claimGreeting(db: Db, g: { kind: GreetingKind; subject: string; eventId: string; at: Date }): Promise<boolean> {
  try {
    await db.greeting.create({ data: { kind: g.kind, subject: g.subject, eventId: g.eventId, createdAt: g.at } });
    return true;
  } catch (e) {
    if (!isUniqueConflict(e)) throw e;
    const held = await db.greeting.findUnique({ where: { kind_subject: { kind: g.kind, subject: g.subject } } });
    return held?.eventId === g.eventId;
  }
}

/** Forgets a welcome (the bot was removed from the group), so a later add welcomes again. */
export async function releaseGreeting(db: Db, kind: GreetingKind, subject: string): Promise<void> {
  await db.greeting.deleteMany({ where: { kind, subject } });
}
