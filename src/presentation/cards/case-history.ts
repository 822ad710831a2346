import { statusLabel } from '../../domain/cases/categories.js';
import { minuteIn } from '../../domain/dates/days.js';
import { isOpenId } from '../../domain/people/open-id.js';
import type { CaseWithHistory } from '../../store/cases/case-types.js';
import { SYSTEM_ACTOR } from '../../store/reminders.js';
import { IMPORT_ACTOR } from '../../store/report/import-ledger.js';
import { escapeMarkdown } from './escape-markdown.js';

/**
 * What the case card shows of the history: the 登记 row, then the latest rows, at most
 * HISTORY_SHOWN of them and at most HISTORY_BYTES as the card travels (a JSON string inside
 * JSON, as card-check.ts counts it). A case overdue for months gathers a 提醒 row per working
 * day, and 延期 may be asked again and again with 500-character reasons; shown whole, either
 * card outgrows Lark's 30 KB. The rest of the card is at most about 22.5 KB (a resolved
 * case, every text field at its longest and all markdown-escaped).
 */
export const HISTORY_SHOWN = 10;
export const HISTORY_BYTES = 7 * 1024;

const wireBytes = (line: string) => Buffer.byteLength(JSON.stringify(JSON.stringify(line)), 'utf8');

/** Actors that are not people: named in plain words, since a mention of a non-person id shows nothing useful. */
const NOT_PEOPLE: Record<string, string> = { [IMPORT_ACTOR]: '台账导入', [SYSTEM_ACTOR]: '系统' };

/** Lark renders the person's name for an open_id; no look-up needed. */
export const person = (id: string) => NOT_PEOPLE[id] ?? (isOpenId(id) ? `<at id=${id}></at>` : escapeMarkdown(id));

type HistoryRow = CaseWithHistory['history'][number];

function historyLine(h: HistoryRow, tz: string): string {
  let what: string;
  if (h.kind === 'created') what = '登记';
  else if (h.kind === 'status') what = `${statusLabel(h.fromStatus ?? '')} → ${statusLabel(h.toStatus ?? '')}`;
  else if (h.kind === 'assign') what = `指派给 ${person(h.note ?? '')}`;
  else if (h.kind === 'extend') what = '延期';
  else what = h.kind === 'remind' ? '提醒' : h.kind === 'escalate' ? '督办' : h.kind === 'followup' ? '回访' : '备注';
  const note = h.note && h.kind !== 'assign' ? `：${escapeMarkdown(h.note)}` : '';
  return `- ${minuteIn(h.at, tz)} ${person(h.actorId)} ${what}${note}`;
}

/** The 办理记录 block: the 登记 row, the latest rows, and a count of those left out between them. */
export function historyBlock(history: HistoryRow[], tz: string): string {
  const first = history[0]?.kind === 'created' ? [historyLine(history[0], tz)] : [];
  const rest = history.slice(first.length);
  const latest: string[] = [];
  let bytes = 0;
  for (let i = rest.length - 1; i >= 0 && latest.length < HISTORY_SHOWN; i--) {
    const line = historyLine(rest[i]!, tz);
    bytes += wireBytes(line);
    // The newest row always shows, however long: it is what the reader came for.
    if (latest.length > 0 && bytes > HISTORY_BYTES) break;
    latest.unshift(line);
  }
  const hidden = rest.slice(0, rest.length - latest.length);
  return ['**办理记录**', ...first, ...(hidden.length ? [hiddenLine(hidden)] : []), ...latest].join('\n');
}

/** 「（另有N条较早的记录未显示）」, naming the 提醒 among them, since those are most of a long history. */
function hiddenLine(hidden: HistoryRow[]): string {
  const reminders = hidden.filter((h) => h.kind === 'remind').length;
  if (reminders === hidden.length) return `（另有${hidden.length}条较早的提醒记录未显示）`;
  return `（另有${hidden.length}条较早的记录未显示${reminders ? `，其中提醒${reminders}条` : ''}）`;
}
