import { describe, expect, it } from 'vitest';
import type { CollectionContent } from '../../definitions/CollectionContent';
import { Labeller } from './Labeller';

const c: CollectionContent = {
  key: 'x',
  name: { zh: '档案', en: 'Archive' },
  fields: {
    scale: { type: 'enum', enum: ['large', 'small'], enumLabels: { large: { zh: '大型', en: 'Large' } }, title: { zh: '规模', en: 'Scale' } },
    kind: { type: 'enum', enum: ['a', 'b'] },
    due: { type: 'date', title: { zh: '到期', en: 'Due' } },
    ok: { type: 'boolean' },
  },
  indexFields: [],
  states: [{ key: 'draft', name: { zh: '草稿', en: 'Draft' } }],
  initialState: 'draft',
  transitions: [],
};

describe('Labeller', () => {
  it('labels values from the collection, then from the form in Chinese, and shows dates as China-time days', () => {
    // given
    const zh = new Labeller('zh-CN');
    const en = new Labeller('en');
    const form = { kind: { a: '甲类' } };
    // when / then
    expect([zh.value(c, 'scale', 'large'), en.value(c, 'scale', 'large'), zh.value(c, 'scale', 'small')]).toEqual(['大型', 'Large', 'small']);
    expect([zh.value(c, 'kind', 'a', form), en.value(c, 'kind', 'a', form)]).toEqual(['甲类', 'a']);
    expect([zh.value(c, 'due', '2026-12-31T20:00:00.000Z'), zh.value(c, 'due', '2027-01-15'), zh.value(c, 'due', 'soon')]).toEqual(['2027-01-01', '2027-01-15', 'soon']);
    expect([zh.value(c, 'ok', true), en.value(c, 'ok', false), zh.value(c, 'ok', null)]).toEqual(['是', 'No', '']);
    expect([zh.field(c, 'due'), en.field(c, 'kind'), en.state(c, 'draft'), zh.state(c, 'gone')]).toEqual(['到期', 'kind', 'Draft', 'gone']);
  });
});
