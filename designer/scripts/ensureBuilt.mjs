#!/usr/bin/env node
/**
 * Builds designer/dist when it is missing or older than any of its sources
 * (designer/src, index.html, public/, vite.config.ts, package.json and the
 * engine's browser-side sources it bundles). Run by the root `prestart`, so
 * `npm ci && npm start` serves the app. `--force` always builds.
 */
import fs from 'node:fs';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const designer = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(designer, '..');
const stamp = path.join(designer, 'dist', 'index.html');
const sources = [
  path.join(designer, 'src'),
  path.join(designer, 'public'),
  path.join(designer, 'index.html'),
  path.join(designer, 'vite.config.ts'),
  path.join(designer, 'package.json'),
  path.join(repo, 'engine', 'src', 'forms'),
  path.join(repo, 'engine', 'src', 'expression'),
];

/** Newest mtime (ms) of a file or of the files below a folder (tests excluded). */
function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const name of fs.readdirSync(p)) {
    if (name === 'node_modules' || name.endsWith('.test.ts')) continue;
    max = Math.max(max, newest(path.join(p, name)));
  }
  return max;
}

const force = process.argv.includes('--force');
const built = newest(stamp);
const changed = Math.max(...sources.map(newest));
if (!force && built > 0 && built >= changed) {
  process.stdout.write('web app: designer/dist is up to date\n');
  process.exit(0);
}
process.stdout.write(built ? 'web app: sources changed, rebuilding designer/dist …\n' : 'web app: designer/dist missing, building it (a few tens of seconds on 2 cores) …\n');
const t0 = Date.now();
const { build } = await import('vite');
let modules = 0;
let last = 0;
await build({
  configFile: path.join(designer, 'vite.config.ts'),
  root: designer,
  logLevel: 'warn',
  plugins: [
    {
      name: 'safeflow-progress',
      transform() {
        modules++;
        if (Date.now() - last > 2000) {
          last = Date.now();
          process.stdout.write(`web app: ${modules} modules transformed …\n`);
        }
        return null;
      },
    },
  ],
});
process.stdout.write(`web app: built designer/dist in ${((Date.now() - t0) / 1000).toFixed(1)} s (${modules} modules)\n`);
