import { caseCard } from '../presentation/cards/case-card.js';
import type { CardJson } from '../presentation/cards/template.js';
import type { CaseWithHistory } from '../store/cases/case-types.js';
import { knownPeople } from '../store/known-people.js';
import { todayOf } from './today.js';
import type { HandlerContext } from '../bot/context.js';

/**
 * People the 指派 picker offers (admins first, then by name). An open case with the longest
 * text the forms allow and 100 options still fits Lark's 30 KB (test/presentation/bot-cards).
 */
export const PICKER_PEOPLE = 100;

/** The people the 指派 picker offers, admins first. */
export async function pickerPeople(ctx: HandlerContext): Promise<string[]> {
  const known = await knownPeople(ctx.db, PICKER_PEOPLE);
  return [...new Set([...ctx.config.BOT_ADMINS, ...known])].slice(0, PICKER_PEOPLE);
}

/** The case card for this context: today, the time zone and the people who may be assigned. */
export async function caseCardFor(ctx: HandlerContext, c: CaseWithHistory, notice?: string): Promise<CardJson> {
  return caseCardWith(ctx, c, await pickerPeople(ctx), notice);
}

/** The same card with the picker's people already known (inside a transaction: no look-ups). */
export function caseCardWith(ctx: HandlerContext, c: CaseWithHistory, people: string[], notice?: string): CardJson {
  return caseCard(c, { today: todayOf(ctx), tz: ctx.config.BOT_TIMEZONE, people, ...(notice ? { notice } : {}) });
}
