// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { i18n } from '@/i18n';
import en from '@/i18n/messages/en/cameras';
import zh from '@/i18n/messages/zh-CN/cameras';

function keysOf(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

const g = i18n.global as unknown as { t(key: string, named?: Record<string, unknown>, opts?: { locale: string }): string };

describe('camera messages', () => {
  it('has the same keys in both languages', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zh).sort());
  });

  it.each(['zh-CN', 'en'])('compiles every %s text (no stray @ or | of the message syntax) and shows it, not its key', (locale) => {
    for (const key of keysOf(zh)) {
      const text = g.t(`cameras.${key}`, { n: 1, x: 1, y: 2, t: '08:00', name: 'N' }, { locale });
      expect(text, key).not.toBe(`cameras.${key}`);
      expect(text, key).not.toMatch(/\{'/);
    }
    expect(g.t('cameras.form.urlHint', {}, { locale })).toContain(':554/stream1');
    expect(g.t('cameras.form.urlHint', {}, { locale })).toMatch(/@192\.168/);
  });
});
