import { describe, expect, it } from 'vitest';
import { testDesigner } from '../designerFixture';
import { linkageFields } from './linkageFields';
import { draftToRule, emptyDraft, ruleToDraft } from './ruleDraft';

const fields = linkageFields(
  testDesigner({
    type: 'object',
    properties: {
      hasFire: { type: 'string', 'x-component': 'Radio.Group', enum: [{ label: '是', value: 'yes' }, { label: '否', value: 'no' }] },
      count: { type: 'number', 'x-component': 'InputNumber' },
      note: { type: 'string', 'x-component': 'Input' },
    },
  }).state.schema,
);

describe('rule drafts', () => {
  it('builds a rule: typed values, action rows of one target merged', () => {
    // given
    const draft = { mode: 'any' as const, conditions: [{ field: 'count', op: 'gte' as const, value: '3' }, { field: 'hasFire', op: 'in' as const, value: ['yes'] }], actions: [{ target: 'note', effect: 'show' as const }, { target: 'note', effect: 'require' as const }] };
    // when
    const rule = draftToRule(draft, fields);
    // then
    expect(rule).toEqual({ when: { any: [{ field: 'count', op: 'gte', value: 3 }, { field: 'hasFire', op: 'in', value: ['yes'] }] }, then: [{ target: 'note', set: { display: 'visible', required: true } }] });
    expect(draftToRule(ruleToDraft(rule!), fields)).toEqual(rule);
  });

  it('answers undefined for an incomplete draft', () => {
    // then
    expect(draftToRule(emptyDraft(), fields)).toBeUndefined();
    expect(draftToRule({ mode: 'all', conditions: [{ field: 'count', op: 'gt', value: 'abc' }], actions: [{ target: 'note', effect: 'show' }] }, fields)).toBeUndefined();
  });
});
