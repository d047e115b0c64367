import { describe, expect, it } from 'vitest';
import { DataScope } from './DataScope';
import type { AuthContext } from '../http/AuthContext';

function auth(memberships: Array<[string, string[]]>, platformAdmin = false): AuthContext {
  return {
    kind: 'user',
    userId: 'u1',
    username: 'u1',
    platformAdmin,
    memberships: memberships.map(([orgPath, permissions], i) => ({
      orgId: `o${i}`,
      orgPath,
      tenantId: 't',
      roleKey: 'r',
      permissions,
    })),
  };
}

describe('DataScope', () => {
  it('sees exactly the subtrees of its memberships', () => {
    // given
    const scope = DataScope.of(auth([['/city/d1/', ['org.read']]]));
    // then
    expect(scope.contains('/city/d1/')).toBe(true);
    expect(scope.contains('/city/d1/s1/p1/')).toBe(true);
    expect(scope.contains('/city/')).toBe(false);
    expect(scope.contains('/city/d2/')).toBe(false);
    expect(scope.contains('/city/d10/')).toBe(false);
  });

  it('narrows to memberships granting a permission', () => {
    const scope = DataScope.of(auth([['/a/', ['org.read']], ['/b/', ['file.write']]]), 'file.write');
    expect(scope.contains('/a/x/')).toBe(false);
    expect(scope.contains('/b/x/')).toBe(true);
  });

  it('reaches a tenant through any org of it, not through a tenant whose id merely starts the same', () => {
    const scope = DataScope.of(auth([['/t1/d1/s1/', ['engine.operate']], ['/t2/', ['org.read']]]), 'engine.operate');
    expect(scope.reachesTenant('t1')).toBe(true);
    expect(scope.reachesTenant('t2')).toBe(false); // no engine.operate there
    expect(scope.reachesTenant('t')).toBe(false);
    expect(DataScope.of(auth([], true)).reachesTenant('any')).toBe(true);
  });

  it('names the orgs above it, not those it contains itself', () => {
    const scope = DataScope.of(auth([['/c/d1/s1/e1/', ['definition.read']], ['/c/d1/', ['definition.read']], ['/c/d2/s2/', ['definition.read']]]));
    expect(scope.orgsAbove()).toEqual(['/c/', '/c/d2/']);
    expect(DataScope.of(auth([['/c/', []]])).orgsAbove()).toEqual([]);
    expect(DataScope.of(auth([], true)).orgsAbove()).toEqual([]);
  });

  it('answers out-of-scope ids with 404, never 403', () => {
    const scope = DataScope.of(auth([['/a/', []]]));
    expect(() => scope.assertVisible('/b/', 'file', 'f1')).toThrowError(expect.objectContaining({ code: 'file.not_found', status: 404 }));
  });

  it('builds a SQL predicate without redundant descendants', () => {
    const scope = DataScope.of(auth([['/a/b/', []], ['/a/', []], ['/c/', []]]));
    expect(scope.sql('o.path')).toEqual({ sql: "(o.path LIKE ? ESCAPE '!' OR o.path LIKE ? ESCAPE '!')", params: ['/a/%', '/c/%'] });
    expect(DataScope.of(auth([])).sql('p').sql).toBe('1=0');
    expect(DataScope.of(auth([], true)).sql('p').sql).toBe('1=1');
  });
});
