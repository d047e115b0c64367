import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentServer, type ContentServer } from '../../definitions/safety/test/contentServer';
import { dispatchedEvent, entitleAll, eventOf, step, type DispatchRec } from '../../definitions/safety/test/dispatchScenario';
import { ensureBuiltSpa, hasChromium, launchChromium } from './browser';

const OUT = fileURLToPath(new URL('./output/dispatch', import.meta.url));

/**
 * Waits until the element shows `status` in its `data-status` attribute
 * (the dispatch page's order tag; the map page's features can carry the same
 * attribute, so a map check after the merge is one more call of this).
 */
async function waitForStatus(el: Locator, status: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => el.getAttribute('data-status'), { timeout, interval: 200 }).toBe(status);
}

describe.skipIf(!hasChromium)('Dispatch page on a 390×844 phone (Chromium): the team leader steps their order; another user’s step appears without a reload', () => {
  let s: ContentServer;
  let browser: Browser;
  let page: Page;
  let eventId: string;
  let team: DispatchRec;
  let supply: DispatchRec;
  const problems: string[] = [];
  let n = 0;
  const shot = async (name: string) => {
    n++;
    await page.screenshot({ path: path.join(OUT, `${String(n).padStart(2, '0')}-${name}.png`) });
  };

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    ensureBuiltSpa();
    s = await startContentServer();
    await entitleAll(s);
    ({ eventId, team, supply } = await dispatchedEvent(s, '3号仓库火情'));
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('logs the team leader in and shows the event with both orders, step buttons only on their own', async () => {
    await page.goto(`${s.url}/login`);
    await page.waitForSelector('input[data-test=login-username]');
    await page.fill('input[data-test=login-username]', s.username('workerA'));
    await page.fill('input[data-test=login-password]', s.fx.password);
    await page.click('[data-test=login-submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${s.url}/dispatch/${eventId}`);
    await page.getByText('3号仓库火情').first().waitFor();
    await waitForStatus(page.locator(`[data-test=order-status-${team.id}]`), 'dispatched');
    expect(await page.locator(`[data-test=order-status-${team.id}]`).innerText()).toBe('已派发');
    expect(await page.locator(`[data-test=dispatch-grade]`).innerText()).toBe('III 级');
    expect(await page.locator(`[data-test=dispatch-event-status]`).innerText()).toBe('处置中');
    // the leader steps their own order; the supply run is someone else’s
    expect(await page.locator(`[data-test=order-step-${team.id}-accepted]`).isVisible()).toBe(true);
    expect(await page.locator(`[data-test=order-step-${team.id}-refused]`).isVisible()).toBe(true);
    expect(await page.locator(`[data-test^=order-step-${supply.id}]`).count()).toBe(0);
    await shot('event');
  });

  it('accepts the order with a tap and a note', async () => {
    await page.fill(`input[data-test=order-note-${team.id}]`, '5 人出发');
    await page.click(`[data-test=order-step-${team.id}-accepted]`);
    await waitForStatus(page.locator(`[data-test=order-status-${team.id}]`), 'accepted');
    await page.getByText('5 人出发').waitFor();
    const [row] = await s.runtime.deps.db.query<{ status: string }>('SELECT status FROM record WHERE id = ?', [team.id]);
    expect(row!.status).toBe('accepted');
    await shot('accepted');
  });

  it('shows a step made by another user (the commander, over the API) without a reload', async () => {
    // given a marker that a reload would wipe
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const current = (await eventOf(s, eventId)).orders.find((o) => o.id === team.id)!;
    // when the commander moves the order on, and the supply leader refuses theirs
    const moved = await step(s, 'safetyA', eventId, current, 'en_route', {}, '指挥部：沿东侧消防通道前往');
    expect(moved.status, moved.text).toBe(200);
    const refused = await step(s, 'operatorA', eventId, supply, 'refused', {}, '库存不足');
    expect(refused.status, refused.text).toBe(200);
    // then the page shows both within its refresh, in words, on the same document
    await waitForStatus(page.locator(`[data-test=order-status-${team.id}]`), 'en_route');
    await waitForStatus(page.locator(`[data-test=order-status-${supply.id}]`), 'refused');
    expect(await page.locator(`[data-test=order-status-${team.id}]`).innerText()).toBe('赶赴途中');
    expect(await page.locator(`[data-test=order-status-${supply.id}]`).innerText()).toBe('已拒绝');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // the leader's next step follows the new state
    await page.locator(`[data-test=order-step-${team.id}-on_site]`).waitFor();
    await shot('live-update');
  });

  it('shows a refused stale step in words (two taps from one stale screen)', async () => {
    // the commander moves the order while the leader's screen still shows en_route
    const current = (await eventOf(s, eventId)).orders.find((o) => o.id === team.id)!;
    await page.route('**/api/v1/dispatch/events/*', (route) => route.abort()); // freeze the leader's refresh
    const moved = await step(s, 'safetyA', eventId, current, 'on_site');
    expect(moved.status, moved.text).toBe(200);
    await page.unroute('**/api/v1/dispatch/events/*');
    problems.length = 0; // the aborted refreshes above are the test's own doing
    await page.click(`[data-test=order-step-${team.id}-on_site]`);
    await page.locator('.el-message--error').getByText('这条指令刚被别人更新过').waitFor();
    await waitForStatus(page.locator(`[data-test=order-status-${team.id}]`), 'on_site');
    await shot('conflict');
  });

  it('had no console errors', () => {
    expect(problems.filter((p) => !/409|Conflict/.test(p))).toEqual([]);
  });
});
