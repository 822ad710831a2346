import type { ActionHandler, CommandHandler, EventHandler, Registry, TextHandler } from '../bot/registry.js';
import { messageReceiveEvent } from './events/message-receive.js';
import { cardActionEvent } from './events/card-action.js';
import { scheduledJobs } from './jobs/scheduled-jobs.js';
import { helpCommand } from './commands/help.js';
import { recordCommand } from './commands/record.js';
import { summaryCommand } from './commands/summary.js';
import { syncLedgerCommand } from './commands/sync-ledger.js';
import { reportCommand, reportTextHandler } from './commands/report.js';
import { caseShowCommand } from './commands/case-show.js';
import { myCasesCommand } from './commands/my-cases.js';
import { caseSubmitAction } from './actions/case-submit.js';
import { caseResolveAction } from './actions/case-resolve.js';
import { caseAcceptAction } from './actions/case-accept.js';
import { caseReturnAction } from './actions/case-return.js';
import { caseExtendAction } from './actions/case-extend.js';
import { caseAssignAction } from './actions/case-assign.js';
import { caseFollowupAction } from './actions/case-followup.js';
import { caseFollowupCommand } from './commands/case-followup.js';
import { studyOpenCommand } from './commands/study-open.js';
import { studyStatsCommand } from './commands/study-stats.js';
import { studyCheckinAction } from './actions/study-checkin.js';
import { studyLeaveAction } from './actions/study-leave.js';
import { studyCloseAction } from './actions/study-close.js';
import { studyMakeupAction } from './actions/study-makeup.js';
import { studyExportAction } from './actions/study-export.js';
import { weeklyReportCommand } from './commands/weekly-report.js';
import { setReportChatCommand } from './commands/set-report-chat.js';
import { remindersToggleCommand } from './commands/reminders-toggle.js';
import { helpRunAction } from './actions/help-run.js';
import { botMenuEvent } from './events/bot-menu.js';
import { botAddedEvent, botRemovedEvent } from './events/bot-added.js';
import { p2pEnteredEvent } from './events/p2p-entered.js';

/**
 * Everything the bot reacts to, in one place: adding an event type, a command, a card action
 * or a job is one file and one line here. Receivers (webhook, long connection, local chat)
 * and the scheduler read this table; nothing else lists handlers.
 */

/** Lark event types, by `header.event_type`: the long connection subscribes to exactly these. */
export const events: EventHandler[] = [messageReceiveEvent, cardActionEvent, botMenuEvent, botAddedEvent, botRemovedEvent, p2pEnteredEvent];

/** Commands, by the name typed after the slash. */
export const commands: CommandHandler[] = [
  helpCommand,
  reportCommand,
  caseShowCommand,
  myCasesCommand,
  caseFollowupCommand,
  studyOpenCommand,
  studyStatsCommand,
  weeklyReportCommand,
  setReportChatCommand,
  remindersToggleCommand,
  summaryCommand,
  recordCommand,
  syncLedgerCommand,
];

/** Card actions by `value.action`. */
export const actions: ActionHandler[] = [
  caseSubmitAction,
  caseResolveAction,
  caseAcceptAction,
  caseReturnAction,
  caseExtendAction,
  caseAssignAction,
  caseFollowupAction,
  studyCheckinAction,
  studyLeaveAction,
  studyCloseAction,
  studyMakeupAction,
  studyExportAction,
  helpRunAction,
];

/** What plain text in a direct chat means: `/上报 <text>`. */
export const textHandler: TextHandler | undefined = reportTextHandler;

export const registry: Registry = { events, commands, actions, textHandler, jobs: (config) => scheduledJobs(config) };
