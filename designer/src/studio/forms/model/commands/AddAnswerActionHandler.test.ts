import { describe, expect, it } from 'vitest';
import { lintFormSchema, validateSubmission } from '@safeflow/engine/forms';
import { snapshot, testDesigner } from '../designerFixture';
import { childNames, nodeAt } from '../schemaNodes';

const form = {
  type: 'object',
  properties: {
    hasFire: { type: 'string', title: '是否有明火', 'x-component': 'Radio.Group', 'x-decorator': 'FormItem', enum: [{ label: '是', value: 'yes' }, { label: '否', value: 'no' }] },
    item: { type: 'object', title: '消防通道畅通', 'x-component': 'ScoredItem', 'x-decorator': 'FormItem', 'x-component-props': { onFail: { requireNote: false } } },
  },
};

describe('answer.action', () => {
  it('require a photo when the answer is “yes”: a hidden Photo after the field, shown and required by a rule the server enforces', async () => {
    // given
    const d = testDesigner(form);
    // when
    const companion = d.addAnswerAction(['hasFire'], 'yes', 'requirePhoto')!;
    // then
    expect(childNames(d.state.schema)).toEqual(['hasFire', companion[0], 'item']);
    expect(nodeAt(d.state.schema, companion)).toMatchObject({ 'x-component': 'Photo', 'x-display': 'none', title: '是否有明火 - 现场照片' });
    const saved = d.exportSchema();
    expect(lintFormSchema(saved)).toEqual([]);
    expect((await validateSubmission(saved, { hasFire: 'yes' })).errors.map((e) => [e.path, e.code])).toEqual([[companion[0], 'form.required']]);
    expect((await validateSubmission(saved, { hasFire: 'no' })).valid).toBe(true);
  });

  it('raise a hazard: the companion is marked with where it comes from', () => {
    // given
    const d = testDesigner(form);
    // when
    const companion = d.addAnswerAction(['hasFire'], 'yes', 'raiseHazard')!;
    // then
    expect(nodeAt(d.state.schema, companion)!['x-hazard']).toEqual({ from: 'hasFire', answer: 'yes' });
    expect(d.state.linkage[0]).toMatchObject({ id: 'answer.raiseHazard.hasFire', then: [{ target: companion[0], set: { display: 'visible', required: true } }] });
  });

  it('on a ScoredItem switches on its own onFail props instead of adding a field', () => {
    // given
    const d = testDesigner(form);
    // when
    const companion = d.addAnswerAction(['item'], 'fail', 'requireNote');
    d.addAnswerAction(['item'], 'fail', 'requirePhoto');
    // then
    expect(companion).toBeUndefined();
    expect(nodeAt(d.state.schema, ['item'])!['x-component-props']).toEqual({ onFail: { requireNote: true, requirePhoto: true } });
    expect(d.state.linkage).toEqual([]);
  });

  it('undo removes the companion and the rule; redo brings back the same field name', () => {
    // given
    const d = testDesigner(form);
    const before = snapshot(d);
    const companion = d.addAnswerAction(['hasFire'], 'yes', 'requireNote')!;
    const after = snapshot(d);
    // when
    d.undo();
    // then
    expect(snapshot(d)).toEqual(before);
    d.redo();
    expect(snapshot(d)).toEqual(after);
    expect(nodeAt(d.state.schema, companion)).toBeDefined();
  });
});
