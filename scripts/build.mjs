#!/usr/bin/env node
// Compiles src (and scripts) to dist/ with tsc, so `npm start` runs plain JavaScript:
// no TypeScript loader in the running server (it costs about 80 MB of memory).
// Files that are not TypeScript (cards, templates, web pages) stay where they are: dist/
// gets links to the top-level folders and copies of non-TypeScript files under src/, so a
// path relative to a source file resolves the same way from its compiled twin.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

for (const dir of ['prisma', 'cards', 'templates', 'docs', 'test/fixtures']) {
  const target = join(root, dir);
  const link = join(dist, dir);
  if (!existsSync(target) || existsSync(link)) continue;
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), target), link);
}

function copyAssets(from) {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const p = join(from, e.name);
    if (e.isDirectory()) copyAssets(p);
    else if (!/\.(ts|mts|cts)$/.test(e.name)) {
      const to = join(dist, relative(root, p));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(p, to);
    }
  }
}
copyAssets(join(root, 'src'));
