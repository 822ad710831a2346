import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { followupNote, OPINION_MAX } from '../../src/domain/cases/followup.js';
import { checkCard } from '../../src/presentation/cards/card-check.js';
import { LIMITS } from '../../src/domain/cases/report-form.js';
import { PICKER_PEOPLE } from '../../src/handlers/case-card-for.js';
import { caseCard } from '../../src/presentation/cards/case-card.js';
import { reportCard } from '../../src/presentation/cards/report-card.js';
import { caseAssignedNotice } from '../../src/presentation/messages/case-messages.js';
import { loadTemplate } from '../../src/presentation/cards/template.js';
import { studySessionCard } from '../../src/presentation/cards/study-session-card.js';
import type { CaseWithHistory } from '../../src/store/cases/case-types.js';
import type { StudySessionView } from '../../src/domain/study/session-view.js';

const templates = readdirSync(new URL('../../cards/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

const at = new Date('2023-09-28T02:00:00Z');
const STAFF = 'ou_84aad35d084aa403a838cf73ee18467';
const ADMIN = 'ou_admin000000000000000000000001';

function aCase(over: Partial<CaseWithHistory> = {}): CaseWithHistory {
  return {
    id: 1, code: 'QY2023-0007', category: 'staffing', status: 'registered', content: '招聘技术工人', department: null,
    receivedDate: '2023-09-28', deadline: '2023-10-20', originalDeadline: '2023-10-20', deadlineDays: 15, deadlineProvisional: false,
    reporterId: STAFF, assigneeId: null, resolution: null, resolvedDate: null, returnReason: null,
    enterprise: { id: 1, name: '好得科技有限公司' },
    history: [{ id: 1, caseId: 1, kind: 'created', actorId: STAFF, at, fromStatus: null, toStatus: 'registered', note: null }],
    ...over,
  } as unknown as CaseWithHistory;
}

const opts = { today: '2023-09-28', tz: 'Asia/Shanghai', people: [STAFF, ADMIN] };

/** All components of a card with this tag. */
function tagged(card: unknown, tag: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      if ((v as { tag?: unknown }).tag === tag) out.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('the card templates', () => {
  it('are one whole card per file, /我的 included, each passing the documented rules', () => {
    expect(templates).toContain('my-cases');
    for (const name of templates) expect(checkCard(loadTemplate(name)), name).toEqual([]);
  });
});

describe('the study card', () => {
  const view = {
    session: { id: 3, chatId: 'oc_1', topic: '民法典', openedBy: ADMIN, openedAt: at, closedAt: null },
    openerName: '王局长',
    attendees: [{ openId: STAFF, name: '张三', status: 'leave', makeup: false, reason: '出差', note: null }],
  } as unknown as StudySessionView;

  it('leaves the 请假 button as it is: the 请假 count goes into its own markdown, not into the button', () => {
    const card = studySessionCard(view, 'Asia/Shanghai');
    const leave = tagged(card, 'button').find((b) => b.name === 'leave')!;
    expect(leave.content).toBeUndefined();
    expect(JSON.stringify(card)).toContain('**请假 1 人**：张三');
    expect(checkCard(card)).toEqual([]);
  });
});

describe('the case card', () => {
  it('passes the documented rules: the standalone 受理 button carries no form name', () => {
    const card = caseCard(aCase(), opts);
    const accept = tagged(card, 'button').find((b) => JSON.stringify(b.behaviors).includes('case.accept'))!;
    expect(accept.name).toBeUndefined();
    expect(checkCard(card)).toEqual([]);
  });

  it('offers every person known to the bot in the 指派 picker, not only the members of the chat', () => {
    const picker = tagged(caseCard(aCase(), opts), 'select_person')[0]!;
    expect(picker.options).toEqual([{ value: STAFF }, { value: ADMIN }]);
  });

  it('stays within 30 KB for an open case with the longest texts the forms allow and a full picker', () => {
    const people = Array.from({ length: PICKER_PEOPLE }, (_, i) => `ou_${String(i).padStart(32, '0')}`);
    // 延期 can be asked again and again, each with a reason of the longest length allowed.
    const extensions = Array.from({ length: 40 }, (_, i) => ({ id: i + 2, caseId: 1, kind: 'extend', actorId: ADMIN, at, fromStatus: null, toStatus: null, note: '因'.repeat(LIMITS.reason) }));
    const history = [aCase().history[0]!, ...extensions];
    const c = aCase({ status: 'in_progress', content: '*'.repeat(LIMITS.content), department: '科'.repeat(LIMITS.department), enterprise: { id: 1, name: '企'.repeat(LIMITS.enterprise) }, history } as Partial<CaseWithHistory>);
    expect(checkCard(caseCard(c, { ...opts, people }))).toEqual([]);
    // Resolved: no picker, but a 2,000-character resolution; '*' costs most once escaped.
    const stars = extensions.map((e) => ({ ...e, note: '*'.repeat(LIMITS.reason) }));
    const done = { ...c, status: 'resolved', resolution: '*'.repeat(LIMITS.resolution), resolvedDate: '2023-10-20', history: [history[0]!, ...stars] } as CaseWithHistory;
    const card = caseCard(done, opts);
    expect(checkCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('条较早的记录未显示');
    // That card offers the 回访 form; once 回访 (the longest 意见 in the history), the result line instead.
    expect(tagged(card, 'select_static').map((x) => x.name)).toEqual(['followup_method', 'satisfaction']);
    const visit = { id: 1, caseId: 1, resolutionNo: 0, resolvedDate: '2023-10-20', method: 'visit', visitDate: '2023-10-23', satisfaction: 'dissatisfied', opinion: '*'.repeat(OPINION_MAX), actorId: ADMIN, createdAt: at };
    const noted = { id: 99, caseId: 1, kind: 'followup', actorId: ADMIN, at, fromStatus: 'resolved', toStatus: 'resolved', note: followupNote(visit) };
    const reopened = { ...done, status: 'in_progress', resolutionNo: 1, resolution: null, resolvedDate: null, followups: [visit], history: [...done.history, noted] } as CaseWithHistory;
    const again = caseCard(reopened, { ...opts, people });
    expect(checkCard(again)).toEqual([]);
    expect(JSON.stringify(again)).toContain('**上次回访**：上门回访（2023-10-23）：不满意');
    const judged = { ...done, resolutionNo: 0, followups: [{ ...visit, satisfaction: 'basic' }], history: [...done.history, noted] } as CaseWithHistory;
    expect(checkCard(caseCard(judged, opts))).toEqual([]);
    expect(tagged(caseCard(judged, opts), 'form')).toEqual([]);
  });

  it('names the ledger import and the system in the history as plain words, not as mentions', () => {
    const history = [
      { id: 1, caseId: 1, kind: 'created', actorId: 'ledger-import', at, fromStatus: null, toStatus: 'registered', note: null },
      { id: 2, caseId: 1, kind: 'escalate', actorId: 'system', at, fromStatus: null, toStatus: null, note: '一督' },
    ];
    const text = JSON.stringify(caseCard(aCase({ history } as Partial<CaseWithHistory>), opts));
    expect(text).not.toMatch(/<at id=(ledger-import|system)>/);
    expect(text).toContain('台账导入');
    expect(text).toContain('系统');
  });

  it('shows 诉求内容 as typed, never as a heading, code block, rule or list', () => {
    const content = '# 标题\n    缩进四格\n---\n1986. 年份\n- 条目\n\\[x\\](https://example.com)';
    const card = caseCard(aCase({ content }), opts);
    const fields = String(tagged(card, 'markdown').find((m) => String(m.content).includes('诉求内容'))!.content);
    for (const line of fields.split('\n')) expect(line).not.toMatch(/^(#|\s{4}|---|\d+\.\s|-\s)/);
    expect(fields).not.toMatch(/\\\[x\\\]\(https/);
  });

  it('escapes the enterprise name in the notice to a new assignee', () => {
    const c = aCase({ enterprise: { id: 1, name: '<at id=all></at>**公司**' } } as Partial<CaseWithHistory>);
    const card = caseCard(c, { ...opts, notice: caseAssignedNotice(c) });
    expect(checkCard(card)).toEqual([]);
    const notice = String(tagged(card, 'markdown')[0]!.content);
    expect(notice).toContain('您已被指派');
    expect(notice).not.toContain('<at id=all>');
    expect(notice).not.toContain('**公司**');
  });
});

describe('the report card', () => {
  it('passes the documented rules when prefilled from a long text: no prefill longer than its input allows', () => {
    const card = reportCard({ today: '2023-09-28', guess: { enterprise: '企'.repeat(LIMITS.enterprise + 50), content: '字'.repeat(3000) } });
    expect(checkCard(card)).toEqual([]);
  });
});
