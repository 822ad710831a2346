import ExcelJS from 'exceljs';
import { STATUS_LABEL } from '../../domain/study/attendance.js';
import type { StudyRecordRow, StudyYearStats } from '../../store/study/statistics.js';

/** Rates as Excel percentages (0.833 shown as 83.3%). */
const PERCENT = '0.0%';

type Column = { header: string; key: string; width: number };

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ ...c }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

// Columns that mean the same on several sheets, defined once so the sheets cannot drift apart.
const DATE: Column = { header: '日期', key: 'heldDate', width: 12 };
const TOPIC: Column = { header: '学习主题', key: 'topic', width: 36 };
const NAME: Column = { header: '姓名', key: 'name', width: 14 };
const COUNTS: Column[] = [
  { header: '签到', key: 'present', width: 8 },
  { header: '请假', key: 'leave', width: 8 },
  { header: '缺席', key: 'absent', width: 8 },
];
const RATE: Column = { header: '出勤率', key: 'rate', width: 10 };

/**
 * The year's 会前学法 figures as an .xlsx: per person (as on the card), per session, and
 * every record, so each figure can be traced to the clicks behind it.
 */
export async function studyStatsWorkbook(stats: StudyYearStats, records: StudyRecordRow[], names: Map<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治助手';
  const nameOf = (openId: string, fallback?: string) => names.get(openId) ?? fallback ?? '';

  const people = sheet(wb, '人员统计', [{ header: '序号', key: 'rank', width: 6 }, NAME, ...COUNTS, { header: '其中补签', key: 'makeup', width: 10 }, RATE, { header: 'open_id', key: 'openId', width: 40 }]);
  stats.perPerson.forEach((p, i) => people.addRow({ rank: i + 1, name: nameOf(p.openId, p.name), present: p.present, leave: p.leave, absent: p.absent, makeup: p.makeup, rate: p.rate, openId: p.openId }));
  people.getColumn('rate').numFmt = PERCENT;

  const sessions = sheet(wb, '场次', [DATE, TOPIC, ...COUNTS, RATE, { header: '状态', key: 'state', width: 8 }]);
  for (const s of stats.sessionList) sessions.addRow({ ...s, state: s.closed ? '已结束' : '进行中' });
  sessions.addRow({ heldDate: '合计', topic: `共 ${stats.sessions} 次，平均出勤率`, ...stats.totals, rate: stats.averageAttendanceRate });
  sessions.getColumn('rate').numFmt = PERCENT;

  const detail = sheet(wb, '明细', [
    DATE,
    TOPIC,
    NAME,
    { header: '情况', key: 'status', width: 8 },
    { header: '请假事由', key: 'reason', width: 24 },
    { header: '补签', key: 'makeup', width: 6 },
    { header: '补签说明', key: 'note', width: 24 },
  ]);
  for (const r of records) {
    detail.addRow({ heldDate: r.heldDate, topic: r.topic, name: nameOf(r.openId, r.name), status: STATUS_LABEL[r.status], reason: r.reason ?? '', makeup: r.makeup ? '是' : '', note: r.note ?? '' });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
