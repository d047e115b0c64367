import { describe, expect, it } from 'vitest';
import { parseLedgerQuery } from './LedgerQuery';

describe('parseLedgerQuery', () => {
  it('reads bracketed filters, in-lists, sort and paging', () => {
    // given
    const q = { 'filter[status][eq]': 'rectifying', 'filter[riskLevel][in]': 'major,general', sort: 'createdAt:desc', page: '2', pageSize: '50' };
    // when
    const parsed = parseLedgerQuery(q);
    // then
    expect(parsed).toEqual({
      filters: [
        { field: 'status', op: 'eq', values: ['rectifying'] },
        { field: 'riskLevel', op: 'in', values: ['major', 'general'] },
      ],
      sort: { field: 'createdAt', dir: 'desc' },
      page: 2,
      pageSize: 50,
      orgId: undefined,
    });
  });

  it('rejects an unknown operator and a malformed parameter with ledger.invalid_filter', () => {
    expect(() => parseLedgerQuery({ 'filter[a][regex]': 'x' })).toThrow(expect.objectContaining({ code: 'ledger.invalid_filter' }));
    expect(() => parseLedgerQuery({ 'filter[a]': 'x' })).toThrow(expect.objectContaining({ code: 'ledger.invalid_filter' }));
  });

  it('rejects a page size above the limit', () => {
    expect(() => parseLedgerQuery({ pageSize: '1000' })).toThrow(expect.objectContaining({ code: 'request.invalid' }));
  });
});
