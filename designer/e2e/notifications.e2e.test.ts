import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngineServer, until, type EngineKit } from '../../runtime/src/engine/testing/engineTestKit';
import { engineGatewayOf } from '../../runtime/src/engineGateway/engineGatewayOf';
import { seedMatrix, type MatrixFixture, type MatrixUser } from '../../runtime/src/testing/seedMatrix';
import { ensureBuiltSpa, hasChromium, launchChromium } from './browser';
import { linearBpmn } from './linearBpmn';

const OUT = fileURLToPath(new URL('./output/notifications', import.meta.url));

const processXml = linearBpmn('e2eNotify', [
  { id: 'start', tag: 'startEvent', attrs: 'name="开始"' },
  { id: 'check', tag: 'userTask', attrs: 'name="配电室月度检查" camunda:assignee="${assignee}"' },
  { id: 'end', tag: 'endEvent', attrs: 'name="结束"' },
]);

describe.skipIf(!hasChromium)('notification bell on a 390×844 phone (Chromium): a task assigned → the count rises without reload → click → the task', () => {
  let kit: EngineKit;
  let fx: MatrixFixture;
  let worker: MatrixUser;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  let step = 0;
  const shot = async (name: string) => {
    step++;
    await page.screenshot({ path: path.join(OUT, `${String(step).padStart(2, '0')}-${name}.png`) });
  };

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    ensureBuiltSpa();
    process.env.NOTIFY_TICK_MS = '200'; // the server's own poller makes the notifications
    kit = await startEngineServer();
    fx = await seedMatrix(kit.server, { prefix: 'nb' });
    worker = fx.user('worker', 1);
    const dep = await kit.deploy({ 'notify.bpmn': processXml }, { 'tenant-id': fx.orgs.C.id });
    expect(dep.status, dep.text).toBe(200);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`http ${r.status()}: ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    // the page's timers run in real time; the test jumps over the 30 s poll interval instead of waiting for it
    await page.clock.install();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kit?.close();
    delete process.env.NOTIFY_TICK_MS;
  });

  it('shows an empty bell after login', async () => {
    await page.goto(`${kit.server.url}/login`);
    await page.fill('input[data-test=login-username]', worker.username);
    await page.fill('input[data-test=login-password]', fx.password);
    await page.click('[data-test=login-submit]');
    await page.waitForURL((u) => u.pathname === '/tasks'); // not the glob: '**/tasks' matches '/login?next=/tasks' too
    await page.waitForSelector('[data-test=notification-bell]');
    expect(await page.locator('[data-test=notification-count] sup').isVisible()).toBe(false);
    await shot('bell-empty');
  });

  it('raises the count without a reload when a task is assigned, and leads to the task', async () => {
    // given a task assigned to the worker (the server's poller notifies them)
    const started = await engineGatewayOf(kit.deps).startProcess({
      key: 'e2eNotify', tenantId: fx.orgs.C.id, orgId: fx.orgs.E1.id, variables: { assignee: worker.username },
    });
    const [task] = await kit.deps.db.query<{ id: string }>('SELECT id FROM user_task WHERE process_instance_id = ?', [started.id]);
    await until(async () => (await kit.deps.db.query('SELECT id FROM notification WHERE source_id = ?', [task!.id])).length > 0);
    const url = page.url();
    // when the bell's poll comes round
    await page.clock.fastForward(31_000);
    // then the badge shows 1, on the same page (no navigation)
    await page.locator('[data-test=notification-count] sup', { hasText: '1' }).waitFor();
    expect(page.url()).toBe(url);
    await shot('bell-one');
    // when the worker opens the bell: the notification centre lists it
    await page.click('[data-test=notification-bell]');
    await page.waitForURL('**/notifications');
    const item = page.locator('[data-test=notification-list] li').first();
    await item.getByText('新任务指派给您').waitFor();
    expect(await item.innerText()).toContain('配电室月度检查');
    await shot('centre');
    // and a click lands on the task, marks it read, and empties the bell
    await item.locator('button').click();
    await page.waitForURL(`**/tasks/${task!.id}`);
    await page.waitForSelector('[data-test=task-title]');
    expect(await page.locator('[data-test=task-title]').innerText()).toContain('配电室月度检查');
    await page.locator('[data-test=notification-count] sup').waitFor({ state: 'hidden' });
    const [row] = await kit.deps.db.query<{ read_at: number | null }>('SELECT read_at FROM notification WHERE source_id = ?', [task!.id]);
    expect(row!.read_at).not.toBeNull();
    await shot('task');
    expect(problems).toEqual([]);
  });
});
