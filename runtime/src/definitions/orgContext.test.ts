import { describe, expect, it } from 'vitest';
import { ancestorPaths, rolesAt } from './orgContext';
import type { AuthContext } from '../http/AuthContext';

describe('ancestorPaths', () => {
  it('lists the path of every ancestor and the org itself, root first', () => {
    // given
    const path = '/city/district/ent/';
    // when
    const paths = ancestorPaths(path);
    // then
    expect(paths).toEqual(['/city/', '/city/district/', '/city/district/ent/']);
  });
});

describe('rolesAt', () => {
  it('returns roles held on the org or an ancestor, not on siblings', () => {
    // given
    const auth: AuthContext = {
      kind: 'user',
      userId: 'u',
      username: 'u',
      platformAdmin: false,
      memberships: [
        { orgId: 'd', orgPath: '/c/d/', tenantId: 'c', roleKey: 'districtAdmin', permissions: [] },
        { orgId: 'x', orgPath: '/c/x/', tenantId: 'c', roleKey: 'inspector', permissions: [] },
      ],
    };
    // when
    const roles = rolesAt(auth, '/c/d/e/');
    // then
    expect(roles).toEqual(['districtAdmin']);
  });
});
