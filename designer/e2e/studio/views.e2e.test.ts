import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../runtime/src/seed/demoData';
import { fillInput, login, pickOption } from '../modelerHarness';
import { hasChromium, shot, startStudio, watchConsole } from './studioBrowser';

describe.skipIf(!hasChromium)('Studio ledger views editor in Chromium', () => {
  let studio: Awaited<ReturnType<typeof startStudio>>;
  beforeAll(async () => {
    studio = await startStudio();
  }, 300_000);
  afterAll(async () => {
    await studio?.close();
  });

  it('creates a view over the hazards, previews live data, reorders columns by drag, publishes, and reports a concurrent save as a conflict', async () => {
    // given: the district admin on the views list (the safety pack and its demo hazards are installed)
    const page = await studio.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    const errors = watchConsole(page);
    await login(page, studio.server.url, 'district.admin', DEMO_PASSWORD);
    await page.goto(`${studio.server.url}/studio/views`);
    // when: a new view over safety_hazard
    await page.click('[data-test=view-new]');
    await fillInput(page, 'view-new-name', '隐患简表');
    await fillInput(page, 'view-new-key', 'hazard_brief');
    await pickOption(page, '[data-test=view-new-collection]', 'safety_hazard');
    await page.click('[data-test=view-new-create]');
    await page.waitForURL('**/studio/views/hazard_brief');
    // then: the preview shows live records through the new (unpublished) view
    const rows = page.locator('[data-test=view-preview-table] .el-table__body tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const headers = () => page.locator('[data-test=view-preview-table] .el-table__header th').allInnerTexts();
    const initial = (await headers()).map((h) => h.trim());
    expect(initial).toHaveLength(2);
    expect(initial[1]).toBe('状态');
    await shot(page, 'views-01-new');

    // when: a third column is added, dragged to the front, given a width; the preview refreshed
    await pickOption(page, '[data-test=column-add]', '(responsiblePerson)');
    await expect.poll(() => page.locator('[data-test=column-list] .sf-view-col').count()).toBe(3);
    await page.dragAndDrop('[data-test=column-2-handle]', '[data-test=column-0]');
    await page.locator('[data-test=column-0-width] input').fill('200');
    await page.locator('[data-test=column-0-width] input').press('Tab');
    await page.click('[data-test=view-preview]');
    // then
    await expect.poll(async () => (await headers()).length).toBe(3);
    const after = (await headers()).map((h) => h.trim());
    expect(after.slice(1)).toEqual(initial);
    expect(initial).not.toContain(after[0]);
    await shot(page, 'views-02-reordered');

    // when: saved and published
    await page.click('[data-test=view-publish]');
    // then
    await page.locator('[data-test=view-published]').waitFor();
    const token = (await studio.server.request('POST', '/api/v1/auth/login', { body: { username: 'district.admin', password: DEMO_PASSWORD } })).body.accessToken;
    const stored = await studio.server.request('GET', '/api/v1/definitions/view/hazard_brief', { token });
    expect(stored.body.definition.publishedVersion).toBe(1);
    expect(stored.body.version.content.columns[0]).toEqual({ field: 'responsiblePerson', title: { zh: after[0], en: expect.any(String) }, width: 200 });
    await shot(page, 'views-03-published');

    // when: a draft is saved here, someone else saves over it, and this page saves again
    await fillInput(page, 'column-1-zh', '隐患名称');
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/definitions/view/hazard_brief/draft')),
      page.click('[data-test=view-save]'),
    ]);
    expect(saved.status()).toBe(200);
    const draft = (await studio.server.request('GET', '/api/v1/definitions/view/hazard_brief', { token })).body.draft;
    const other = await studio.server.request('PUT', '/api/v1/definitions/view/hazard_brief/draft', { token, body: { content: draft.content, revision: draft.revision } });
    expect(other.status, other.text).toBe(200);
    await fillInput(page, 'column-1-zh', '隐患');
    await page.click('[data-test=view-save]');
    // then: the conflict is shown in words
    await page.locator('.el-message--error', { hasText: '他人已在此期间保存了该视图' }).waitFor();
    await shot(page, 'views-04-conflict');

    // and: usable on a phone
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'views-05-phone');
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
    await page.close();
  }, 240_000);
});
