import { describe, expect, it } from 'vitest';
import type { FormSchema } from './FormSchema';
import { scoreChecklist } from './scoreChecklist';

const item = (props: Record<string, unknown>, title = 'item'): FormSchema => ({
  type: 'object',
  title,
  'x-component': 'ScoredItem',
  'x-component-props': props,
});

const schema: FormSchema = {
  type: 'object',
  'x-scoring': { passPercent: 60 },
  properties: {
    sec: {
      type: 'void',
      'x-component': 'Card',
      properties: {
        exits: item({ score: 10, weight: 2, critical: true, onFail: { raiseHazard: true } }, '安全出口畅通'),
        extinguisher: item({ score: 5 }),
        signage: item({ score: 5, weight: 1 }),
      },
    },
    lights: item({ score: 10, onFail: { raiseHazard: true } }, '应急照明'),
  },
};

describe('scoreChecklist', () => {
  it('weights items and excludes N/A from the maximum', () => {
    // when
    const s = scoreChecklist(schema, {
      exits: { result: 'pass' },
      extinguisher: { result: 'na' },
      signage: { result: 'fail' },
      lights: { result: 'pass' },
    });
    // then
    expect(s).toMatchObject({
      score: 30,
      maxScore: 35,
      percent: 85.71,
      passed: true,
      naExcluded: ['extinguisher'],
      failed: ['signage'],
      criticalFailed: [],
    });
  });

  it('fails the checklist on any critical failure, whatever the percentage', () => {
    // when
    const s = scoreChecklist(schema, {
      exits: { result: 'fail', note: '堵塞' },
      extinguisher: { result: 'pass' },
      signage: { result: 'pass' },
      lights: { result: 'pass' },
    });
    // then
    expect(s.passed).toBe(false);
    expect(s.criticalFailed).toEqual(['exits']);
    expect(s.hazardsToRaise).toEqual([
      { path: 'exits', title: '安全出口畅通', critical: true, note: '堵塞', photos: [], hazard: undefined },
    ]);
  });

  it('fails below the pass percentage and lists unanswered items', () => {
    // when
    const s = scoreChecklist(schema, { exits: { result: 'pass' }, lights: { result: 'fail' } });
    // then
    expect(s).toMatchObject({
      score: 20,
      maxScore: 30,
      percent: 66.67,
      passed: true,
      unanswered: ['extinguisher', 'signage'],
    });
    expect(
      scoreChecklist(schema, { exits: { result: 'pass' }, lights: { result: 'fail' } }, { passPercent: 70 })
        .passed,
    ).toBe(false);
    expect(s.hazardsToRaise.map((h) => h.path)).toEqual(['lights']);
  });

  it('reports 100 percent when every item is N/A', () => {
    // when
    const s = scoreChecklist(schema, {
      exits: { result: 'na' },
      extinguisher: { result: 'na' },
      signage: { result: 'na' },
      lights: { result: 'na' },
    });
    // then
    expect(s).toMatchObject({ score: 0, maxScore: 0, percent: 100, passed: true });
  });
});
