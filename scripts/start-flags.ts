import { readFileSync } from 'node:fs';

/**
 * The Node flags `npm start` runs the bot with, read from package.json's start script, so the
 * benchmarks and the tests that start the bot as a process run it as it runs in service.
 */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const run = pkg.scripts.start.split('&&').map((s) => s.trim()).find((s) => s.endsWith('dist/src/main.js'));
  if (!run) throw new Error('package.json: the start script does not run dist/src/main.js');
  return run.split(/\s+/).filter((t) => t.startsWith('--'));
}
