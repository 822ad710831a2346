import type { ActionHandler, CommandHandler, TextHandler } from './types.js';
import { helpCommand } from './commands/help.js';
import { recordCommand } from './commands/record.js';
import { summaryCommand } from './commands/summary.js';
import { reportCommand, reportTextHandler } from './commands/report.js';
import { caseShowCommand } from './commands/case-show.js';
import { myCasesCommand } from './commands/my-cases.js';
import { caseSubmitAction } from './actions/case-submit.js';
import { caseResolveAction } from './actions/case-resolve.js';
import { caseAcceptAction } from './actions/case-accept.js';
import { caseReturnAction } from './actions/case-return.js';
import { caseExtendAction } from './actions/case-extend.js';
import { caseAssignAction } from './actions/case-assign.js';
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
import type { EventHandler } from './event-handler.js';
import { botMenuEvent } from './events/bot-menu.js';
import { botAddedEvent, botRemovedEvent } from './events/bot-added.js';
import { p2pEnteredEvent } from './events/p2p-entered.js';

/** Every command, one line each: adding a command is one file and one line here. */
export const commands: CommandHandler[] = [
  helpCommand,
  reportCommand,
  caseShowCommand,
  myCasesCommand,
  studyOpenCommand,
  studyStatsCommand,
  weeklyReportCommand,
  setReportChatCommand,
  remindersToggleCommand,
  summaryCommand,
  recordCommand,
];

/** Card actions by `value.action`. */
export const actions: ActionHandler[] = [
  caseSubmitAction,
  caseResolveAction,
  caseAcceptAction,
  caseReturnAction,
  caseExtendAction,
  caseAssignAction,
  studyCheckinAction,
  studyLeaveAction,
  studyCloseAction,
  studyMakeupAction,
  studyExportAction,
  helpRunAction,
];

/** Other event types, by `header.event_type`; the long connection subscribes to these too. */
export const events: EventHandler[] = [botMenuEvent, botAddedEvent, botRemovedEvent, p2pEnteredEvent];

/** What plain text in a direct chat means: `/上报 <text>`. */
export const textHandler: TextHandler | undefined = reportTextHandler;

export interface Registry {
  commands: CommandHandler[];
  actions: ActionHandler[];
  textHandler?: TextHandler | undefined;
  events?: EventHandler[];
}

export const registry: Registry = { commands, actions, textHandler, events };

/** Every event type the bot handles: what the long connection registers and the console subscribes to. */
export function eventTypes(reg: Registry): string[] {
  return ['im.message.receive_v1', 'card.action.trigger', ...(reg.events ?? []).map((e) => e.type)];
}

export function findCommand(reg: Registry, name: string): CommandHandler | undefined {
  const n = name.toLowerCase();
  return reg.commands.find((c) => c.names.some((x) => x.toLowerCase() === n));
}

export function findAction(reg: Registry, id: string): ActionHandler | undefined {
  return reg.actions.find((a) => a.id === id);
}
