import { dayIn } from '../../domain/dates/days.js';
import { isWorkingDayLenient } from '../../domain/deadlines/lenient-days-left.js';
import { followupDueCutoff } from '../../domain/cases/followup.js';
import { followupsByOwner } from '../../domain/reminders/followup-reminders.js';
import { planReminders } from '../../domain/reminders/plan-reminders.js';
import { listFollowupsDue } from '../../store/cases/followups-due.js';
import { escalationNote, escalationText, reminderText } from '../../presentation/notices/deadline-notices.js';
import type { JobContext } from '../../bot/context.js';
import { ledgerRows } from '../../cloud/base/ledger-notice.js';
import { escalationNotes, listOpenCases, mutedAmong, recordEscalation } from '../../store/reminders.js';
import { resolveNames } from '../people/resolve-name.js';
import { text } from '../../bot/message.js';

/**
 * On working days: one direct message per owner listing their cases due within two working
 * days or overdue, and those resolved BOT_FOLLOWUP_DAYS working days ago still waiting for 回访, and a 督办 message to the leaders for every case that reached a new
 * stage, recorded in the case history. Messages are stored before the history is written,
 * under keys of this firing, so a run taken over after a crash neither loses nor repeats one.
 */
export async function sendDailyReminders(ctx: JobContext): Promise<string> {
  const today = dayIn(ctx.scheduledAt, ctx.config.BOT_TIMEZONE);
  // A run caught up on a later working day (down overnight, back before the day's run):
  // that day's own run reminds with fresh figures, so this one would only say it twice.
  const runDay = dayIn(ctx.clock.now(), ctx.config.BOT_TIMEZONE);
  if (runDay > today && isWorkingDayLenient(runDay).working) return `${today} 的提醒未按时发送，由 ${runDay} 的定时提醒按最新情况发送，不再补发`;
  const day = isWorkingDayLenient(today);
  if (day.approximate) ctx.log.warn({ today }, 'no official calendar for this year: working days taken as Monday to Friday');
  if (!day.working) return `${today} 非工作日，不发送提醒`;

  const cases = await listOpenCases(ctx.db);
  const owners = [...new Set(cases.map((c) => c.ownerId))];
  const plan = planReminders({
    today,
    cases,
    muted: await mutedAmong(ctx.db, owners),
    escalationNotes: await escalationNotes(ctx.db, cases.map((c) => c.id)),
  });
  const due = await listFollowupsDue(ctx.db, { today, resolvedBy: followupDueCutoff(today, ctx.config.BOT_FOLLOWUP_DAYS) });
  const followups = followupsByOwner(due, await mutedAmong(ctx.db, [...new Set(due.map((c) => c.ownerId))]));
  for (const owner of new Set([...plan.byOwner.keys(), ...followups.keys()])) {
    const message = reminderText(plan.byOwner.get(owner) ?? [], { due: followups.get(owner) ?? [], days: ctx.config.BOT_FOLLOWUP_DAYS });
    await ctx.send({ openId: owner }, text(message), { key: `remind:${owner}` });
  }

  const leaders = ctx.config.BOT_LEADERS;
  if (plan.escalations.length && !leaders.length) {
    ctx.log.warn({ cases: plan.escalations.map((e) => e.item.code) }, 'cases due for 督办 but BOT_LEADERS is empty');
  } else if (plan.escalations.length) {
    const names = await resolveNames(ctx.db, ctx.directory, plan.escalations.map((e) => e.item.ownerId), { now: ctx.clock.now() });
    const message = text(escalationText(plan.escalations, names));
    for (const leader of leaders) await ctx.send({ openId: leader }, message, { key: `escalate:${leader}` });
    for (const e of plan.escalations) {
      const notices = ledgerRows(ctx.config, e.item.code, `job:${ctx.jobId}:${ctx.periodKey}`);
      await recordEscalation(ctx.db, { caseId: e.item.id, note: escalationNote(e), at: ctx.clock.now(), notices });
    }
  }
  const reminded = new Set([...plan.byOwner.keys(), ...followups.keys()]).size;
  const waiting = [...followups.values()].reduce((n, l) => n + l.length, 0);
  return `${today} 提醒 ${reminded} 人${waiting ? `（含待回访 ${waiting} 件）` : ''}，督办 ${leaders.length ? plan.escalations.length : 0} 件`;
}
