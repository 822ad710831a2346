import { monthDay } from '../../domain/dates/days.js';
import type { YearEndGaps } from '../../domain/progress/year-end-gaps.js';

/** Items named in full; the rest are counted. */
const LISTED = 10;

function list<T>(items: T[], show: (x: T) => string): string {
  const shown = items.slice(0, LISTED).map(show).join('、');
  return items.length > LISTED ? `${shown}等` : shown;
}

/** The weekly December note to admins: what the year-end draft still lacks. */
export function yearEndWatchText(g: YearEndGaps): string {
  const sections: string[] = [];
  const n = ['一', '二', '三'];
  if (g.unresolved.length) {
    sections.push(`尚未办结的企业诉求 ${g.unresolved.length} 件：${list(g.unresolved, (c) => `${c.code} ${c.enterprise}`)}。办结后方可计入办结率。`);
  }
  if (g.resolvedWithoutText.length) {
    sections.push(`已办结但未填写办理结果的诉求 ${g.resolvedWithoutText.length} 件：${list(g.resolvedWithoutText, (c) => c.code)}。`);
  }
  if (g.sessionsWithoutAttendance.length) {
    sections.push(`尚无签到记录的会前学法 ${g.sessionsWithoutAttendance.length} 次：${list(g.sessionsWithoutAttendance, (s) => `${monthDay(s.heldDate)}「${s.topic}」`)}。`);
  }
  if (!sections.length) return `【年终总结准备】${g.year}年年终总结所需数据已齐备。发送 /总结 ${g.year} 即可生成草稿。`;
  return [
    `【年终总结准备】${g.year}年法治政府建设工作总结草稿目前尚缺以下内容：`,
    ...sections.map((s, i) => `${n[i]}、${s}`),
    `请相关同志在年底前补齐。发送 /总结 ${g.year} 可随时查看草稿。`,
  ].join('\n');
}
