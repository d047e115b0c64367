import { describe, expect, it } from 'vitest';
import type { AuthContext, MembershipGrant } from '../../http/AuthContext';
import { defaultStartOrgPath, engineScope, isOrgScoped } from './startOrg';

const grant = (orgPath: string, tenantId: string, permissions: string[]): MembershipGrant => ({
  orgId: orgPath.split('/').filter(Boolean).pop()!,
  orgPath,
  tenantId,
  roleKey: 'r',
  permissions,
});
const person = (...memberships: MembershipGrant[]): AuthContext => ({
  kind: 'user',
  userId: 'u',
  username: 'u',
  platformAdmin: false,
  memberships,
});

describe('defaultStartOrgPath', () => {
  it('picks the shallowest membership holding engine.operate or task.work in the tenant (ties: the smallest path)', () => {
    // given
    const auth = person(
      grant('/c/d1/s1/e1/', 'c', ['task.work']),
      grant('/c/d2/', 'c', ['record.read']),
      grant('/c/d3/s9/', 'c', ['engine.operate']),
      grant('/c/d1/s2/', 'c', ['task.work']),
      grant('/x/', 'x', ['task.work']),
    );
    // when / then
    expect(defaultStartOrgPath(auth, 'c')).toBe('/c/d1/s2/');
    expect(defaultStartOrgPath(auth, 'x')).toBe('/x/');
    expect(defaultStartOrgPath(auth, null)).toBe('/x/');
  });

  it('is undefined for a person without a start permission in the tenant, the tenant root for admins, workers and the engine', () => {
    // given
    const reader = person(grant('/c/d2/', 'c', ['record.read']), grant('/y/', 'y', ['task.work']));
    const admin: AuthContext = { ...person(), platformAdmin: true };
    const worker: AuthContext = { ...person(grant('/c/', 'c', [])), kind: 'worker' };
    // when / then
    expect(defaultStartOrgPath(reader, 'c')).toBeUndefined();
    expect(defaultStartOrgPath(admin, 'c')).toBe('/c/');
    expect(defaultStartOrgPath(worker, 'c')).toBe('/c/');
    expect(defaultStartOrgPath(undefined, 'c')).toBe('/c/');
    expect(defaultStartOrgPath(undefined, null)).toBeNull();
    expect([isOrgScoped(reader), isOrgScoped(admin), isOrgScoped(worker)]).toEqual([true, false, false]);
  });
});

describe('engineScope', () => {
  it('keeps the subtrees of memberships granting engine.operate or task.work only', () => {
    // given
    const auth = person(
      grant('/c/d1/', 'c', ['task.work']),
      grant('/c/d2/', 'c', ['record.read']),
      grant('/c/d3/', 'c', ['engine.operate']),
    );
    // when
    const scope = engineScope(auth);
    // then
    expect(scope.contains('/c/d1/s1/')).toBe(true);
    expect(scope.contains('/c/d3/')).toBe(true);
    expect(scope.contains('/c/d2/s1/')).toBe(false);
    expect(scope.contains('/c/')).toBe(false);
  });
});
