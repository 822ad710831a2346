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
];

/** What plain text in a direct chat means: `/上报 <text>`. */
export const textHandler: TextHandler | undefined = reportTextHandler;

export interface Registry {
  commands: CommandHandler[];
  actions: ActionHandler[];
  textHandler?: TextHandler | undefined;
}

export const registry: Registry = { commands, actions, textHandler };

export function findCommand(reg: Registry, name: string): CommandHandler | undefined {
  const n = name.toLowerCase();
  return reg.commands.find((c) => c.names.some((x) => x.toLowerCase() === n));
}

export function findAction(reg: Registry, id: string): ActionHandler | undefined {
  return reg.actions.find((a) => a.id === id);
}
