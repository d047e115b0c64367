import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../runtime/src/seed/demoData';
import { hasChromium, shot, startStudio, watchConsole } from './studioBrowser';

/** Picks an option of an element-plus select (the dropdown is teleported to <body>). */
async function choose(page: Page, select: string, option: string): Promise<void> {
  await page.locator(select).first().click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

/** The text input of an element-plus input (its attributes land on the <input>) or of a form item wrapping one. */
function input(page: Page, sel: string) {
  return page.locator(`input${sel}, ${sel} input`).first();
}

describe.skipIf(!hasChromium)('Studio form designer in Chromium', () => {
  let studio: Awaited<ReturnType<typeof startStudio>>;
  beforeAll(async () => {
    studio = await startStudio();
  }, 300_000);
  afterAll(async () => {
    await studio?.close();
  });

  it('an admin logs in, drags three fields into a new form, adds a linkage rule, previews at phone width and publishes', async () => {
    // given
    const page = await studio.browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = watchConsole(page);
    try {
    await page.goto(`${studio.server.url}/login`);
    await input(page, '[data-test=login-username]').fill('district.admin');
    await input(page, '[data-test=login-password]').fill(DEMO_PASSWORD);
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${studio.server.url}/studio/forms`);
    await page.locator('[data-test=form-new]').click();
    await input(page, '[data-test=form-new-name]').fill('日常巡查');
    await input(page, '[data-test=form-new-key]').fill('daily.patrol');
    await shot(page, '01-new-form');
    await page.locator('[data-test=form-new-create]').click();
    await page.waitForURL(/\/studio\/forms\/daily\.patrol$/);
    await page.locator('[data-test=palette]').waitFor();
    await shot(page, '02-empty-designer');

    // when: three fields dragged from the palette onto the canvas
    await page.dragAndDrop('[data-test="palette-Radio.Group"]', '[data-test=canvas] [data-test=drop-zone]');
    await page.dragAndDrop('[data-test=palette-InputNumber]', '[data-test=canvas] [data-test=drop-zone] >> nth=-1');
    await page.dragAndDrop('[data-test=palette-Photo]', '[data-test=canvas] [data-test=drop-zone] >> nth=-1');
    const nodes = page.locator('[data-test=canvas] [data-node-path]');
    // then
    await expect.poll(() => nodes.count()).toBe(3);
    const names = await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-node-path')!));
    expect(names.map((n) => n.split('_')[0])).toEqual(['radio', 'inputnumber', 'photo']);
    const [radio, count] = names as [string, string, string];

    // when: titles set in the property panel
    await page.locator(`[data-test=node-${radio}]`).click();
    await input(page, '[data-test=prop-title]').fill('是否有明火');
    await input(page, '[data-test=prop-title]').press('Enter');
    await page.locator(`[data-test=node-${count}]`).click();
    await input(page, '[data-test=prop-title]').fill('灭火器数量');
    await input(page, '[data-test=prop-title]').press('Enter');
    await expect.poll(() => page.locator(`[data-test=node-${count}] .sf-node-title`).textContent()).toContain('灭火器数量');
    await shot(page, '03-three-fields');

    // when: a linkage rule — when 是否有明火 is 选项一, show and require 灭火器数量
    await page.locator(`[data-test=node-${radio}]`).click();
    await page.locator('.el-tabs__item', { hasText: '逻辑' }).click();
    await page.locator('[data-test=rule-add]').click();
    await choose(page, '[data-test=condition-value]', '选项一');
    await choose(page, '[data-test=action-target]', '灭火器数量');
    await choose(page, '[data-test=action-effect]', '显示');
    await page.locator('[data-test=action-add]').click();
    await choose(page, '[data-test=action-1] [data-test=action-target]', '灭火器数量');
    await choose(page, '[data-test=action-1] [data-test=action-effect]', '必填');
    await shot(page, '04-rule-editor');
    await page.locator('[data-test=rule-save]').click();
    // then
    await expect.poll(() => page.locator('[data-test=rule-0]').textContent()).toContain('当 是否有明火 等于 选项一 时：显示、必填 灭火器数量');
    await shot(page, '05-rule-saved');

    // when: undo and redo the rule with the keyboard
    await page.locator('[data-test=canvas]').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-test=rule-0]').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('[data-test=rule-0]').count()).toBe(1);

    // when: preview at phone width, answer 选项一, test submit
    await page.locator('[data-test=preview-open]').click();
    await page.locator('[data-test=preview-phone]').click();
    const frame = page.locator('[data-test=preview-frame]');
    await expect.poll(() => frame.evaluate((e) => Math.round(e.getBoundingClientRect().width))).toBe(390);
    await expect.poll(() => frame.getByText('灭火器数量').count()).toBe(0);
    await frame.getByText('选项一').click();
    await expect.poll(() => frame.getByText('灭火器数量').count()).toBeGreaterThan(0);
    await page.locator('[data-test=preview-submit]').click();
    // then
    await expect.poll(() => page.locator('[data-test=preview-errors]').textContent()).toContain(count);
    expect(await page.locator('[data-test=preview-json]').textContent()).toContain('"option1"');
    await shot(page, '06-preview-phone');
    await page.keyboard.press('Escape');

    // when: publish
    await page.locator('[data-test=publish]').click();
    await page.locator('[data-test=publish-fields]').waitFor();
    expect(await page.locator('[data-test=publish-fields] li').count()).toBe(3);
    await input(page, '[data-test=publish-note]').fill('首次发布');
    await shot(page, '07-publish-dialog');
    await page.locator('[data-test=publish-confirm]').click();
    // then
    await page.locator('.el-message--success', { hasText: '已发布第 1 版' }).waitFor();
    await shot(page, '08-published');
    const login = await studio.server.request('POST', '/api/v1/auth/login', { body: { username: 'district.admin', password: DEMO_PASSWORD } });
    const stored = await studio.server.request('GET', '/api/v1/definitions/form/daily.patrol', { token: login.body.accessToken });
    expect(stored.body.definition.publishedVersion).toBe(1);
    const content = stored.body.version.content;
    expect(Object.keys(content.properties)).toEqual(names);
    expect(content.properties[count]['x-reactions'][0]).toMatchObject({ dependencies: [radio], when: `{{$deps[0] === "option1"}}`, fulfill: { state: { display: 'visible', required: true } } });
    expect(content['x-designer'].linkage).toHaveLength(1);
    expect(errors).toEqual([]);
    } catch (e) {
      await shot(page, 'failure');
      console.error('console errors:', errors, '\nURL:', page.url());
      throw e;
    }
  }, 240_000);

  async function api(method: string, path: string, body?: unknown) {
    const login = await studio.server.request('POST', '/api/v1/auth/login', { body: { username: 'district.admin', password: DEMO_PASSWORD } });
    return studio.server.request(method, `/api/v1${path}`, { token: login.body.accessToken, body });
  }

  async function loginAt(page: Page): Promise<void> {
    await page.goto(`${studio.server.url}/login`);
    await input(page, '[data-test=login-username]').fill('district.admin');
    await input(page, '[data-test=login-password]').fill(DEMO_PASSWORD);
    await page.locator('[data-test=login-submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  it('editing a published form deprecates a removed field, shows the diff before publishing v2, and reports a concurrent save as a conflict', async () => {
    // given: a published form made over the API
    const content = {
      type: 'object',
      properties: {
        hasFire: { type: 'string', title: '是否有明火', 'x-decorator': 'FormItem', 'x-component': 'Radio.Group', enum: [{ label: '是', value: 'yes' }, { label: '否', value: 'no' }] },
        note: { type: 'string', title: '备注', 'x-decorator': 'FormItem', 'x-component': 'Input' },
      },
    };
    expect((await api('POST', '/definitions/form', { key: 'fire.check', name: '动火检查', content })).status).toBe(201);
    expect((await api('POST', '/definitions/form/fire.check/publish', {})).status).toBe(200);
    const page = await studio.browser.newPage({ viewport: { width: 1280, height: 820 } });
    const errors = watchConsole(page);
    try {
      await loginAt(page);
      await page.goto(`${studio.server.url}/studio/forms/fire.check`);
      await page.locator('[data-test=node-note]').waitFor();

      // when: the published field is removed, a text field is added by clicking the palette
      await page.locator('[data-test=node-note]').click();
      await page.locator('[data-test=node-remove]').click();
      await page.locator('.el-message-box').waitFor();
      expect(await page.locator('.el-message-box').textContent()).toContain('已发布');
      await page.locator('.el-message-box .el-button--primary').click();
      await page.locator('[data-test=canvas]').click({ position: { x: 5, y: 5 } });
      await page.locator('[data-test=palette-Input]').click();
      // then
      await expect.poll(() => page.locator('[data-test=node-note]').textContent()).toContain('已停用');
      await expect.poll(() => page.locator('[data-test=canvas] [data-node-path]').count()).toBe(3);
      await shot(page, '11-deprecated-field');

      // when: publish (the page saves the draft first) — the dialog shows the diff against v1
      await page.locator('[data-test=publish]').click();
      await page.locator('[data-test=publish-diff]').waitFor();
      const diff = await page.locator('[data-test=publish-diff]').textContent();
      // then
      expect(diff).toContain('新增字段');
      expect(diff).toContain('修改字段');
      expect(diff).toContain('x-deprecated');
      await shot(page, '12-publish-diff');
      await page.locator('[data-test=publish-confirm]').click();
      await page.locator('.el-message--success', { hasText: '已发布第 2 版' }).waitFor();

      // when: someone else saves a draft while this page edits
      await page.locator('[data-test=palette-Switch]').click();
      const current = await api('GET', '/definitions/form/fire.check');
      expect((await api('PUT', '/definitions/form/fire.check/draft', { content: current.body.version.content })).status).toBe(200);
      await page.locator('[data-test=palette-InputNumber]').click();
      await page.locator('[data-test=save]').click();
      // then: the page expected no draft after v2 and does not overwrite the one made meanwhile
      await page.locator('.el-message--error', { hasText: '版本冲突' }).waitFor();
      await shot(page, '13-conflict');
      const draft = await api('GET', '/definitions/form/fire.check/versions/3');
      expect(Object.keys(draft.body.version.content.properties)).toHaveLength(3);
      const stored = await api('GET', '/definitions/form/fire.check/versions/2');
      expect(stored.body.version.content.properties.note).toMatchObject({ 'x-display': 'hidden', 'x-deprecated': true });
      expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
    } catch (e) {
      await shot(page, 'failure-2');
      console.error('console errors:', errors, '\nURL:', page.url());
      throw e;
    }
  }, 240_000);

  it('works on a 390×844 phone: pane switcher, tap to add, JSON import with errors in words', async () => {
    // given
    expect((await api('POST', '/definitions/form', { key: 'phone.form', name: '手机设计', content: { type: 'object', properties: {} } })).status).toBe(201);
    const page = await studio.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors = watchConsole(page);
    try {
      await loginAt(page);
      await page.goto(`${studio.server.url}/studio/forms/phone.form`);
      await page.locator('.sf-phone-panes').waitFor();
      await shot(page, '21-phone-canvas');

      // when: components tapped in the palette pane
      await page.locator('.sf-phone-panes label', { hasText: '组件' }).click();
      await shot(page, '22-phone-palette');
      await page.locator('[data-test=palette-ScoredItem]').tap();
      await page.locator('.sf-phone-panes label', { hasText: '组件' }).click();
      await page.locator('[data-test=palette-Signature]').tap();
      // then: back on the canvas with both
      await expect.poll(() => page.locator('[data-test=canvas] [data-node-path]').count()).toBe(2);
      await shot(page, '23-phone-two-fields');

      // when: invalid JSON, then a schema, imported
      await page.locator('[data-test=json-open]').click();
      await page.locator('.el-tabs__item', { hasText: '导入 JSON' }).click();
      await page.locator('[data-test=json-import-text] textarea, textarea[data-test=json-import-text]').first().fill('{ nope');
      await page.locator('[data-test=json-import]').click();
      await expect.poll(() => page.locator('[data-test=json-import-error]').textContent()).toContain('JSON 格式错误');
      await page.locator('[data-test=json-import-text] textarea, textarea[data-test=json-import-text]').first().fill(JSON.stringify({ type: 'object', properties: { a: { type: 'string', title: '导入的字段', 'x-decorator': 'FormItem', 'x-component': 'Input' } } }));
      await page.locator('[data-test=json-import]').click();
      // then
      await expect.poll(() => page.locator('[data-test=canvas] [data-node-path]').count()).toBe(1);
      await page.locator('[data-test=undo]').click();
      await expect.poll(() => page.locator('[data-test=canvas] [data-node-path]').count()).toBe(2);
      await shot(page, '24-phone-after-undo');
      expect(errors).toEqual([]);
    } catch (e) {
      await shot(page, 'failure-3');
      console.error('console errors:', errors, '\nURL:', page.url());
      throw e;
    }
  }, 240_000);

  it('collections: create one, add an enum field, index it, publish, and see the diff of the next version', async () => {
    // given
    const page = await studio.browser.newPage({ viewport: { width: 1280, height: 820 } });
    const errors = watchConsole(page);
    try {
      await loginAt(page);
      await page.goto(`${studio.server.url}/studio/collections`);
      await page.locator('[data-test=collection-new]').click();
      await input(page, '[data-test=collection-new-name]').fill('巡查记录');
      await input(page, '[data-test=collection-new-key]').fill('patrolRecord');
      await page.locator('[data-test=collection-new-create]').click();
      await page.waitForURL(/\/studio\/collections\/patrolRecord$/);
      // when: an enum field added and indexed
      await page.locator('[data-test=field-add]').click();
      await input(page, '[data-test=field-name-1]').fill('grade');
      await choose(page, '[data-test=field-type-1]', '枚举');
      await input(page, '[data-test=field-enum-1]').fill('general, major');
      await page.locator('.el-tabs__item', { hasText: '索引字段' }).click();
      await choose(page, '[data-test=collection-indexes]', 'grade');
      await page.keyboard.press('Escape');
      await shot(page, '31-collection-editor');
      await page.locator('[data-test=collection-publish]').click();
      await page.locator('[data-test=collection-publish-confirm]').click();
      await page.locator('.el-message--success', { hasText: '已发布第 1 版' }).waitFor();
      // then
      const v1 = await api('GET', '/definitions/collection/patrolRecord');
      expect(v1.body.version.content.fields.grade).toEqual({ type: 'enum', enum: ['general', 'major'] });
      expect(v1.body.version.content.indexFields.map((x: { field: string; slot: string }) => [x.field, x.slot])).toEqual([['title', 'ix_s1'], ['grade', 'ix_s2']]);
      // when: a required switch changed and published again, the dialog shows the diff
      await page.locator('.el-tabs__item', { hasText: '字段' }).first().click();
      await input(page, '[data-test=field-enum-1]').fill('general, major, critical');
      await page.locator('[data-test=collection-publish]').click();
      await page.locator('[data-test=collection-diff]').waitFor();
      // then
      expect(await page.locator('[data-test=collection-diff]').textContent()).toContain('fields.grade.enum.2');
      await shot(page, '32-collection-diff');
      await page.locator('[data-test=collection-publish-confirm]').click();
      await page.locator('.el-message--success', { hasText: '已发布第 2 版' }).waitFor();
      expect(errors).toEqual([]);
    } catch (e) {
      await shot(page, 'failure-4');
      console.error('console errors:', errors, '\nURL:', page.url());
      throw e;
    }
  }, 240_000);
});
