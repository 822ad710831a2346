// npm run demo-data [-- 年份]: fills the local database with a realistic year of demo data
// (default: this year up to today). A second run replaces the demo rows of that year.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/store/database.js';
import { DemoDataRefused, fillDemoYear } from '../src/local/demo-store.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const config = loadConfig(process.env);
const today = dayjs().tz(config.BOT_TIMEZONE).format('YYYY-MM-DD');
const arg = process.argv[2];
const year = arg ? Number(arg) : Number(today.slice(0, 4));
if (!Number.isInteger(year) || year < 2004 || String(year) > today.slice(0, 4)) {
  process.stderr.write(`年份无效：${arg}（应为不晚于今年的四位年份）\n`);
  process.exit(1);
}

const { db } = await openDatabase(config.DATABASE_URL);
try {
  const s = await fillDemoYear(db, { year, today });
  process.stdout.write(
    `已写入 ${s.year} 年演示数据（${config.DATABASE_URL}）：诉求 ${s.cases} 件（已办结 ${s.resolved} 件，办理中 ${s.open} 件，超期 ${s.late} 件），` +
      `会前学法 ${s.sessions} 次。${s.replaced ? `已替换此前的 ${s.replaced} 件演示诉求。` : ''}\n`,
  );
} catch (e) {
  if (!(e instanceof DemoDataRefused)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
