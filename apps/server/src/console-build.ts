import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEFAULT_WEB_DIR } from './platform/config.ts';

/** The newest modification time among the console's sources. */
function newestSource(webRoot: string): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const name of ['src', 'index.html', 'vite.config.ts', 'package.json']) {
    const p = path.join(webRoot, name);
    if (existsSync(p)) visit(p);
  }
  return newest;
}

/**
 * `linli start` on a fresh clone: builds the console when its bundle is missing or older than its
 * sources, so the README's one command serves it. A custom LINLI_WEB_DIR is left alone.
 */
export async function ensureConsoleBuilt(webDir: string): Promise<void> {
  if (path.resolve(webDir) !== DEFAULT_WEB_DIR) return;
  const webRoot = path.dirname(DEFAULT_WEB_DIR);
  const index = path.join(DEFAULT_WEB_DIR, 'index.html');
  if (!existsSync(path.join(webRoot, 'src'))) return;
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource(webRoot)) return;
  let viteBin: string;
  try {
    const pkg = createRequire(path.join(webRoot, 'package.json')).resolve('vite/package.json');
    viteBin = path.join(path.dirname(pkg), 'bin', 'vite.js');
  } catch {
    console.warn('The console is not built and Vite is not installed: run `npm ci` then `npm run build`.');
    return;
  }
  console.log('Building the console (apps/web)…');
  const code = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], { cwd: webRoot, stdio: 'inherit' }).on(
      'exit',
      resolve,
    ),
  );
  if (code !== 0) console.warn(`Building the console failed (exit ${code}); the API still runs.`);
}
