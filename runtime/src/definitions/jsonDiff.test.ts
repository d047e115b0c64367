import { describe, expect, it } from 'vitest';
import { jsonDiff } from './jsonDiff';

describe('jsonDiff', () => {
  it('reports added, removed and changed members by path', () => {
    // given
    const a = { name: 'x', fields: { a: 1, b: [1, 2] }, gone: true };
    const b = { name: 'y', fields: { a: 1, b: [1, 3], c: 'new' } };
    // when
    const diff = jsonDiff(a, b);
    // then
    expect(diff).toEqual([
      { path: 'name', op: 'changed', from: 'x', to: 'y' },
      { path: 'fields.b.1', op: 'changed', from: 2, to: 3 },
      { path: 'fields.c', op: 'added', to: 'new' },
      { path: 'gone', op: 'removed', from: true },
    ]);
  });

  it('finds nothing between equal documents', () => {
    expect(jsonDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
});
