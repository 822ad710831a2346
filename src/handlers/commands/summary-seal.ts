import type { CommandContext } from '../../bot/context.js';
import { text, type OutMessage } from '../../bot/message.js';
import { minuteIn } from '../../domain/dates/days.js';
import { appendixHash, openRowsOf, rewind, sealDifferences, sinceSeal } from '../../domain/report/seal-compare.js';
import type { LedgerEntry, YearFigures } from '../../domain/report/year-figures.js';
import { AppError } from '../../errors.js';
import type { YearSeal } from '../../generated/prisma/client.js';
import { escapeTextMessage } from '../../presentation/messages/escape-text-message.js';
import { draftPosts } from '../../presentation/report/draft-messages.js';
import type { Draft } from '../../presentation/report/render-draft.js';
import { loadStudyCounts } from '../../store/report/load-year-figures.js';
import { loadReturnedCases, loadYearLedger } from '../../store/report/load-year-ledger.js';
import { loadWorkRecords, recordTotals } from '../../store/report/work-records.js';
import { recordReopen, recordSeal, sealInForce } from '../../store/report/year-seal.js';
import { resolveName } from '../people/resolve-name.js';
import { emptyYearMessage, fileTarget, makeYearDraft, uncheckedMessage } from './summary-draft.js';

const onlyAdmins = (ctx: CommandContext) => {
  if (!ctx.user.isAdmin) throw new AppError('forbidden', '只有管理员可以定稿或撤销定稿。');
};

/** Codes in a line: all of them up to 30, then 「等N件」. */
const codeList = (codes: string[]) => (codes.length <= 30 ? codes.join('、') : `${codes.slice(0, 30).join('、')}等${codes.length}件`);

async function sealedBy(ctx: CommandContext, seal: YearSeal): Promise<string> {
  const who = await resolveName(ctx.db, ctx.directory, seal.actorId, { now: ctx.clock.now() });
  return `${escapeTextMessage(who)}于${minuteIn(seal.createdAt, ctx.config.BOT_TIMEZONE)}`;
}

/** `/总结 <年> 定稿`: the draft as made now, checked, stored with its figures, the appendix rows' hash, who and when. */
export async function sealYear(ctx: CommandContext, year: number, today: string): Promise<void> {
  onlyAdmins(ctx);
  const existing = await sealInForce(ctx.db, year);
  if (existing) return ctx.reply(text(`${year}年总结已由${await sealedBy(ctx, existing)}定稿，无需重复定稿。`));
  await ctx.reply(text(`正在生成并核对${year}年总结，核对无误后定稿，请稍候…`));
  const made = await makeYearDraft(ctx, year, today, false);
  if (made.kind === 'empty') return ctx.reply(text(emptyYearMessage(year)));
  if (made.kind === 'unchecked') {
    ctx.log.warn({ year, mismatches: made.mismatches }, 'year-end draft failed its pre-send check; not sealed');
    return ctx.reply(text(uncheckedMessage(year).replace('本次未发送', '本次未定稿')));
  }
  const { figures: f, draft, docx } = made;
  const rows = await loadYearLedger(ctx.db, year, today);
  const open = openRowsOf(rows);
  const sealed = await recordSeal(ctx.db, {
    year, actorId: ctx.user.openId, asOf: today, figures: JSON.stringify(f), draft: JSON.stringify(draft), appendixHash: appendixHash(rows), openRows: JSON.stringify(open), docx, at: ctx.clock.now(),
  });
  if (!sealed) return ctx.reply(text(`${year}年总结刚由其他管理员定稿，无需重复定稿。`));
  ctx.log.info({ year, cases: f.total, open: open.length }, 'year sealed');
  const rate = f.resolutionRate === undefined ? '' : `，办结率${f.resolutionRate}%`;
  await ctx.reply(
    text(
      `已将${year}年总结定稿（截至${today}：受理企业诉求${f.total}件，已办结${f.resolved}件${rate}；会前学法${f.study.sessions}次）。` +
        `此后该年度诉求的受理日期、类别和企业，已记录的办结或退回，该年度的台账导入、会前学法出勤和工作记录均不能再更改；` +
        `${open.length ? `尚未办结的${open.length}件仍可继续办理，` : ''}发送「/总结 ${year}」可取得定稿及定稿后的办理情况。如需更正，请发送「/总结 ${year} 撤销定稿 理由」。`,
    ),
  );
}

/** `/总结 <年> 撤销定稿 <理由>`: lifts the seal; the history keeps who and why. */
export async function reopenYear(ctx: CommandContext, year: number, reason: string): Promise<void> {
  onlyAdmins(ctx);
  const reopened = await recordReopen(ctx.db, { year, actorId: ctx.user.openId, reason, at: ctx.clock.now() });
  if (!reopened) return ctx.reply(text(`${year}年总结未定稿，无需撤销。`));
  ctx.log.info({ year }, 'year seal lifted');
  await ctx.reply(text(`已撤销${year}年总结定稿（理由：${escapeTextMessage(reason)}），已记入定稿记录。该年度记录现可更正，更正后请重新定稿：/总结 ${year} 定稿`));
}

/** What happened since the seal, and each figure the records (open cases' handling set aside) no longer support. */
async function sinceSealLines(ctx: CommandContext, seal: YearSeal): Promise<string[]> {
  const year = seal.year;
  const sealed = JSON.parse(seal.figures!) as YearFigures;
  const openAtSeal = JSON.parse(seal.openRows!) as LedgerEntry[];
  const [now, returned, study, records] = await Promise.all([
    loadYearLedger(ctx.db, year, seal.asOf!),
    loadReturnedCases(ctx.db, year),
    loadStudyCounts(ctx.db, year),
    loadWorkRecords(ctx.db, year).then(recordTotals),
  ]);
  const returnedNow = new Set(returned.map((r) => r.code));
  const since = sinceSeal(openAtSeal, now, returnedNow);
  const lines: string[] = [];
  if (since.resolved.length) lines.push(`定稿后又办结${since.resolved.length}件：${codeList(since.resolved)}`);
  if (since.returned.length) lines.push(`定稿后退回${since.returned.length}件：${codeList(since.returned)}`);
  const stillOpen = openAtSeal.length - since.resolved.length - since.returned.length;
  if (!lines.length) lines.push(openAtSeal.length ? `定稿后未办结的${openAtSeal.length}件尚无新的办结或退回。` : '定稿时该年度诉求已全部办结或退回。');
  else if (stillOpen > 0) lines.push(`仍有${stillOpen}件未办结。`);
  const rows = rewind(now, openAtSeal);
  const differences = sealDifferences(sealed, { rows, returnedAtSeal: returnedNow.size - since.returned.length, study, records });
  if (differences.length) {
    lines.push(`⚠ 当前记录与定稿数字不一致（可能从较早的备份恢复过，或数据被直接修改），定稿数字未变：${differences.join('；')}。请管理员核实。`);
  } else if (appendixHash(rows) !== seal.appendixHash) {
    lines.push('⚠ 附件台账中有诉求的记录与定稿时不同（各项数字一致），请管理员核实。');
  }
  return lines;
}

/** `/总结 <年>` of a sealed year: the sealed draft and Word file as filed, then what happened since. */
export async function sendSealedDraft(ctx: CommandContext, seal: YearSeal, ledger: boolean): Promise<void> {
  const draft = JSON.parse(seal.draft!) as Draft;
  const head = `【定稿】此为${seal.year}年总结定稿（${await sealedBy(ctx, seal)}定稿，数字截至${seal.asOf}，定稿后不再变化）。`;
  const posts: OutMessage[] = draftPosts(draft);
  const first = posts[0]!;
  if (first.type === 'post') first.post.content.unshift([{ tag: 'text', text: head, style: ['bold'] }]);
  for (const post of posts) await ctx.reply(post);
  await ctx.sendFile(fileTarget(ctx), { fileName: `${draft.title}（定稿）.docx`, fileType: 'doc', data: Buffer.from(seal.docx!) });
  const lines = await sinceSealLines(ctx, seal);
  if (ledger) lines.push('已定稿年度只发送定稿的 Word 文件，不另附 Excel 台账。');
  if (ctx.chat.chatType === 'group') lines.push('定稿的 Word 文件已发送至您的单聊。');
  await ctx.reply(text(lines.join('\n')));
}
