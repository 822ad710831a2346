/**
 * Seeds a bot database for bench:scale straight through better-sqlite3 (one transaction, prepared
 * statements): `n` cases received evenly over ten years up to `today`, shaped like a district's
 * records. Cases older than six weeks are nearly all closed (a few stuck open, escalated);
 * recent ones are half open. Everything scales with n except the people: the same 200 staff,
 * so the busy person's open list grows with the data as it would in an office.
 */
import Database from 'better-sqlite3';
import { CATEGORIES } from '../src/domain/cases/categories.js';
import { addDays } from '../src/domain/dates/days.js';

export const STAFF = Array.from({ length: 200 }, (_, i) => `ou_scale${String(i).padStart(5, '0')}`);
/** Reports one case in twenty and is assigned one in fifty: the person /我的 is timed for. */
export const BUSY = STAFF[0]!;
const FIRST_DAY = '2017-01-01';

const dayNumber = (day: string) => Math.round(Date.parse(day) / 86_400_000);

export function seedScale(path: string, n: number, today: string): { codes: string[]; years: number[] } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const span = dayNumber(today) - dayNumber(FIRST_DAY);
  const firms = Math.max(50, Math.floor(n / 200));
  const now = new Date().toISOString().replace('Z', '+00:00');
  const user = db.prepare(`INSERT INTO users (open_id, name, source, reminders_muted, updated_at) VALUES (?, ?, 'contact', ?, ?)`);
  const firm = db.prepare('INSERT INTO enterprises (name, normalized_name, created_at) VALUES (?, ?, ?)');
  const kase = db.prepare(`INSERT INTO enterprise_cases (code, year, seq, enterprise_id, category, content, received_date, deadline_days,
    original_deadline, deadline, status, reporter_id, assignee_id, resolved_date, resolution, source, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 15, ?, ?, ?, ?, ?, ?, ?, 'demo', ?, ?)`);
  const event = db.prepare(`INSERT INTO case_events (case_id, at, actor_id, kind, to_status, note) VALUES (?, ?, ?, ?, ?, ?)`);
  const seqs = new Map<number, number>();
  const sample: string[] = [];
  db.transaction(() => {
    STAFF.forEach((id, i) => user.run(id, `干部${i}`, i % 37 === 5 ? 1 : 0, now));
    for (let i = 1; i <= firms; i++) firm.run(`规模测试企业${i}号有限公司`, `规模测试企业${i}号`, now);
    for (let i = 0; i < n; i++) {
      const received = addDays(FIRST_DAY, Math.floor((i * span) / n));
      const year = Number(received.slice(0, 4));
      const seq = (seqs.get(year) ?? 0) + 1;
      seqs.set(year, seq);
      const age = dayNumber(today) - dayNumber(received);
      // Recent: half still open. Older: 0.1% stuck open, 3% returned, the rest resolved.
      const open = age <= 42 ? i % 2 === 0 : i % 1000 === 7;
      const status = open ? (i % 3 === 0 ? 'registered' : 'in_progress') : i % 33 === 0 ? 'returned' : 'resolved';
      const deadline = addDays(received, 21 + (i % 3) * 7);
      const resolved = status === 'resolved' ? addDays(received, 2 + (i % 27)) : null;
      const reporter = i % 20 === 0 ? BUSY : STAFF[1 + (i % (STAFF.length - 1))]!;
      const assignee = i % 50 === 0 ? BUSY : i % 3 === 0 ? STAFF[1 + ((i * 7) % (STAFF.length - 1))]! : null;
      const code = `QY${year}-${String(seq).padStart(4, '0')}`;
      const at = `${received}T02:00:00.000+00:00`;
      const id = kase.run(code, year, seq, 1 + ((i * 7919) % firms), CATEGORIES[i % CATEGORIES.length]!.value, `规模测试诉求${i}`, received,
        deadline, deadline, status, reporter, assignee, resolved, resolved ? '已协调解决' : null, at, at).lastInsertRowid;
      event.run(id, at, reporter, 'created', 'registered', `办理期限${deadline}`);
      if (status === 'resolved') event.run(id, `${resolved}T08:00:00.000+00:00`, reporter, 'status', 'resolved', '已协调解决');
      if (open && deadline < today && i % 2 === 1) event.run(id, now, 'system', 'escalate', null, `一级督办（办理期限${deadline}）`);
      if (seq === 7 || (i % Math.max(1, Math.floor(n / 20)) === 0 && seq <= 9999)) sample.push(code);
    }
  })();
  db.close();
  return { codes: sample, years: [...seqs.keys()] };
}
