import { describe, expect, it } from 'vitest';
import type { CollectionContent } from '../definitions/CollectionContent';
import { conditionFilters, filtersSql, mergeFilters, slotColumns } from './drillFilters';

const collection = {
  key: 'hz',
  fields: { grade: { type: 'enum' }, deadline: { type: 'date' }, overdue: { type: 'boolean' } },
  indexFields: [
    { field: 'grade', slot: 'ix_s1' },
    { field: 'deadline', slot: 'ix_t1' },
    { field: 'overdue', slot: 'ix_n1' },
  ],
} as unknown as CollectionContent;

describe('drill-down filters', () => {
  it('turns measure conditions into ledger filters (relative times resolved, booleans as 1/0, dates as epoch ms) and the same SQL', () => {
    // given
    const cols = slotColumns(collection);
    // when
    const filters = conditionFilters(
      [
        { field: 'grade', op: 'in', value: ['0', '1'] },
        { field: 'deadline', op: 'lt', value: { nowPlusDays: 0 } },
        { field: 'overdue', op: 'eq', value: true },
        { field: 'createdAt', op: 'gte', value: '2026-11-01T00:00:00.000Z' },
      ],
      cols,
      'hz',
      1000,
    );
    const sql = filtersSql(filters, cols, 'hz');
    // then
    expect(filters).toEqual([
      { field: 'grade', op: 'in', values: ['0', '1'] },
      { field: 'deadline', op: 'lt', values: ['1000'] },
      { field: 'overdue', op: 'eq', values: ['1'] },
      { field: 'createdAt', op: 'gte', values: [String(Date.parse('2026-11-01T00:00:00.000Z'))] },
    ]);
    expect(sql.where).toEqual(['r.ix_s1 IN (?, ?)', 'r.ix_t1 < ?', 'r.ix_n1 = ?', 'r.created_at >= ?']);
    expect(sql.params).toEqual(['0', '1', 1000, 1, Date.parse('2026-11-01T00:00:00.000Z')]);
    expect(() => conditionFilters([{ field: 'nope', op: 'eq', value: 1 }], cols, 'hz', 0)).toThrow(expect.objectContaining({ code: 'dashboard.invalid_field' }));
  });

  it('merges bounds on one field to the narrower one and intersects lists; refuses two different equalities', () => {
    // when
    const merged = mergeFilters([
      { field: 'deadline', op: 'lt', values: ['500'] },
      { field: 'deadline', op: 'lt', values: ['300'] },
      { field: 'deadline', op: 'gte', values: ['100'] },
      { field: 'deadline', op: 'gte', values: ['200'] },
      { field: 'grade', op: 'in', values: ['0', '1'] },
      { field: 'grade', op: 'in', values: ['1'] },
    ]);
    // then
    expect(merged).toEqual([
      { field: 'deadline', op: 'lt', values: ['300'] },
      { field: 'deadline', op: 'gte', values: ['200'] },
      { field: 'grade', op: 'in', values: ['1'] },
    ]);
    expect(() => mergeFilters([{ field: 'grade', op: 'eq', values: ['0'] }, { field: 'grade', op: 'eq', values: ['1'] }])).toThrow(
      expect.objectContaining({ code: 'dashboard.conflicting_filters' }),
    );
  });
});
