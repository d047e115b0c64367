// @vitest-environment happy-dom
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, type AppLocale } from '@/i18n';
import { ApiError } from './ApiError';
import { errorMessage } from './errorMessage';

/** The repository root (tests run from it or from a workspace folder under it). */
const ROOT = [process.cwd(), path.dirname(process.cwd())].find((d) => fs.existsSync(path.join(d, 'runtime/src/records')))!;

/** Runtime modules whose stable error codes the web app shows in words. */
const MODULE_DIRS = ['cameras', 'map', 'dispatch', 'dashboards', 'exports', 'notifications', 'ai', 'records', 'packs', 'scheduler'].map((d) => `runtime/src/${d}`);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.bench.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every `new SafeFlowError('<thing>.<reason>'` in those modules (CLI usage codes aside), the kit's frame grabber, the model checks of the detector plugin, and `module.not_entitled`. */
function thrownCodes(): string[] {
  const codes = new Set<string>(['module.not_entitled']);
  for (const dir of MODULE_DIRS) {
    for (const file of sources(path.join(ROOT, dir))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/new SafeFlowError\(\s*'([a-z_]+\.[a-z_]+)'/g)) if (!m[1]!.startsWith('cli.')) codes.add(m[1]!);
    }
  }
  // the frame grabber of the kit (camera snapshots)
  for (const m of fs.readFileSync(path.join(ROOT, 'plugin-kit/src/frames/grabFrame.ts'), 'utf8').matchAll(/SafeFlowError\(\s*'(frame\.[a-z_]+)'/g)) codes.add(m[1]!);
  for (const file of sources(path.join(ROOT, 'plugins/ai-detect/src'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/'(model\.[a-z_]+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

function keysOf(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const global = i18n.global as unknown as { locale: { value: string }; te(key: string, locale?: string): boolean };
const locale = global.locale;

describe('errorMessage', () => {
  afterEach(() => {
    locale.value = 'zh-CN';
  });

  const codes = thrownCodes();

  it('finds the codes of the runtime modules', () => {
    // then: the scan sees the modules (a broken path would make the next test pass on nothing)
    expect(codes.length).toBeGreaterThan(80);
    expect(codes).toEqual(expect.arrayContaining(['record.field_forbidden', 'ledger.not_ledger', 'dispatch.not_leader', 'pack.invalid', 'schedule.exists', 'export.not_ready', 'map.unknown_layer', 'model.corrupt', 'camera.not_found', 'frame.timeout']));
  });

  it.each(['zh-CN', 'en'] satisfies AppLocale[])('has a %s text for every code the runtime modules throw', (loc) => {
    // given
    locale.value = loc;
    // when
    const missing = codes.filter((code) => !global.te(`errors.${code}`, loc));
    const shown = codes.map((code) => errorMessage(new ApiError(400, code, 'SERVER TEXT', undefined, 'req-1')));
    // then
    expect(missing).toEqual([]);
    for (const text of shown) expect(text).not.toContain('req-1');
    if (loc === 'zh-CN') for (const text of shown) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has the same error keys in both languages', async () => {
    // given
    const zh = (await import('@/i18n/messages/zh-CN/errors')).default;
    const en = (await import('@/i18n/messages/en/errors')).default;
    // then
    expect(keysOf(en).sort()).toEqual(keysOf(zh).sort());
  });

  it('puts the server detail into texts that carry it, in the reader language', () => {
    // given
    const err = new ApiError(400, 'record.invalid', 'level: "x" is not one of low, high');
    // when
    const zh = errorMessage(err);
    locale.value = 'en';
    const en = errorMessage(err);
    // then
    expect(zh).toBe('填写的数据不符合要求，请修改后重新提交：level: "x" is not one of low, high');
    expect(en).toBe('Some entries are not valid; correct them and submit again: level: "x" is not one of low, high');
  });

  it('puts the error details into the text: a label mismatch says both counts', () => {
    // given the registry's answer to a 2-class model imported with 3 labels
    const err = new ApiError(400, 'model.label_mismatch', 'The model has 2 classes but 3 labels were given', { classCount: 2, labelCount: 3, metadataNames: ['person', 'safehat'] });
    // when
    const zh = errorMessage(err);
    locale.value = 'en';
    const en = errorMessage(err);
    // then
    expect(zh).toBe('模型有 2 个类别，但填写了 3 个标签，请按模型的类别顺序核对标签');
    expect(en).toBe('The model has 2 classes but 3 labels were given; list the labels in the model’s class order');
    // and a list detail is joined
    expect(errorMessage(new ApiError(400, 'patrol_route.unknown_task_type', 'x', { topic: 'nope', known: ['ai-detect', 'video-diagnose'] }))).toContain('“nope” is not available here (available: ai-detect, video-diagnose)');
  });

  it('falls back to the server text with the code and request id for an unknown code', () => {
    // when
    const text = errorMessage(new ApiError(400, 'nothing.known', 'Server says no', undefined, 'req-9'));
    // then
    expect(text).toBe('Server says no (nothing.known, req-9)');
  });
});
