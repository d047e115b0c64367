import { describe, expect, it } from 'vitest';
import { featureFacts } from './featureFacts';

const messages: Record<string, string> = { 'map.yes': '是', 'map.no': '否', 'map.props.grade': '等级', 'map.values.grade.1': '重大', 'map.props.overdue': '已超期', 'map.props.stops': '途经' };
const i18n = { t: (k: string) => messages[k] ?? k, te: (k: string) => k in messages };

describe('facts of a map feature', () => {
  it('translates known props and values, drops nulls and hidden ids, keeps unknown props by key', () => {
    // given
    const f = { id: 'h1', kind: 'point' as const, coords: [[1, 2]] as [number, number][], label: '隐患', props: { grade: '1', overdue: false, stops: ['北门', '广场'], revision: 3, responsible: null, approximate: false, eventLevel: 'II' } };
    // when
    const facts = featureFacts(f, i18n);
    // then
    expect(facts).toEqual([
      { key: '等级', value: '重大' },
      { key: '已超期', value: '否' },
      { key: '途经', value: '北门 → 广场' },
      { key: 'eventLevel', value: 'II' },
    ]);
  });
});
