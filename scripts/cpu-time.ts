import { execSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU seconds used by processes, from /proc (Linux), for bench:replicas to show where the
 * machine's cores went in each setup: each replica, the PostgreSQL server, and the bench
 * process itself (load generator, fake Open API and round-robin share it).
 */
const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

function stat(pid: number): number[] | undefined {
  try {
    // The command name may hold spaces: the fields start after its closing parenthesis.
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds of one live process (0 once it is gone). */
export function cpuSeconds(pid: number): number {
  const f = stat(pid);
  return f ? (f[11]! + f[12]!) / TICKS : 0;
}

/**
 * CPU seconds of a process and all its children, past and present: a PostgreSQL postmaster
 * and its backends (a backend's time moves into the postmaster's children total when it exits).
 */
export function treeCpuSeconds(pid: number): number {
  const f = stat(pid);
  if (!f) return 0;
  let total = (f[11]! + f[12]! + f[13]! + f[14]!) / TICKS;
  for (const entry of readdirSync('/proc')) {
    const child = Number(entry);
    if (!Number.isInteger(child)) continue;
    const c = stat(child);
    // Field 4 of /proc/<pid>/stat is the parent's pid (index 1 after the name).
    if (c && c[1] === pid) total += (c[11]! + c[12]!) / TICKS;
  }
  return total;
}
