import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../server/test/harness.ts';
import { buildConsole } from '../build.ts';
import { createUser } from '../../server/src/platform/auth/auth.service.ts';
import type { Role } from '../../server/src/platform/context.ts';
import { loadDemo } from '../../server/src/modules/demo/index.ts';
import { refreshRollups } from '../../server/src/modules/insights/index.ts';
import { fitMemberValues, fitPersonas, refreshTags } from '../../server/src/modules/intelligence/index.ts';
import { drainTextQueue } from '../../server/src/modules/text/index.ts';
import { createServer } from '../../server/src/routes.ts';

export const PASSWORD = 'e2e-password-1';

/** Debian's Chromium; the tests fail, never skip, when it is missing. */
export const CHROMIUM = process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface Console {
  t: TestApp;
  base: string;
  browser: Browser;
  shots: string;
  close(): Promise<void>;
}

/** Builds the console, starts Linli on a small demo community, and launches Chromium. */
export async function startConsole(): Promise<Console> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package`);
  const outDir = mkdtempSync(path.join(tmpdir(), 'linli-web-'));
  await buildConsole(outDir);
  const t = await createTestApp({ LINLI_WEB_DIR: outDir, LINLI_RATE_LIMIT_PER_MINUTE: '100000' });
  await loadDemo(t.app.database, { members: 600, months: 3, seed: 7, now: new Date(), keys: t.app.pii });
  await refreshRollups(t.app, 'all');
  await fitPersonas(t.app);
  await fitMemberValues(t.app);
  await drainTextQueue(t.app);
  await refreshTags(t.app);
  const server = await createServer(t.app);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const shots = process.env.LINLI_E2E_SHOTS ?? path.join(t.dir, 'screenshots');
  mkdirSync(shots, { recursive: true });
  return {
    t,
    base,
    browser,
    shots,
    async close() {
      await browser.close();
      await server.close();
      await t.close();
    },
  };
}

export async function addUser(c: Console, username: string, roles: Role[], communityIds: string[] = []) {
  await createUser(c.t.ctx, { username, password: PASSWORD, roles, communityIds });
}

/** A fresh browser context (its own cookies), logged in through the login page. */
export async function loggedIn(c: Console, username: string): Promise<Page> {
  const context = await c.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${c.base}/`);
  await page.waitForSelector('#username');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=whoami]');
  return page;
}

export async function shot(c: Console, page: Page, name: string): Promise<string> {
  const file = path.join(c.shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
