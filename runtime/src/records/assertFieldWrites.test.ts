import { describe, expect, it } from 'vitest';
import type { CollectionContent } from '../definitions/CollectionContent';
import type { AuthContext } from '../http/AuthContext';
import { assertFieldWrites } from './assertFieldWrites';

const c = {
  fields: { name: { type: 'string' }, verifiedOpinion: { type: 'string', writableBy: ['streetOfficer', 'districtBureauAdmin'] } },
} as unknown as CollectionContent;
const user = (roleKey: string, orgPath: string, platformAdmin = false): AuthContext => ({
  kind: 'user', userId: 'u', username: 'u', platformAdmin, memberships: [{ orgId: 'x', orgPath, tenantId: 't', roleKey, permissions: ['record.write'] }],
});
const ent = '/t/s1/e1/';

describe('assertFieldWrites', () => {
  it("refuses an enterprise role setting or changing a regulator-only field, naming it (403 record.field_forbidden)", () => {
    // given / when / then
    const officer = user('safetyOfficer', ent);
    expect(() => assertFieldWrites(officer, c, ent, undefined, { name: 'A', verifiedOpinion: '同意' })).toThrow(expect.objectContaining({ code: 'record.field_forbidden', status: 403, details: { fields: [{ field: 'verifiedOpinion', writableBy: ['streetOfficer', 'districtBureauAdmin'] }] } }));
    expect(() => assertFieldWrites(officer, c, ent, { verifiedOpinion: '同意' }, { verifiedOpinion: '改了' })).toThrow(expect.objectContaining({ code: 'record.field_forbidden' }));
    expect(() => assertFieldWrites(officer, c, ent, { verifiedOpinion: '同意' }, {})).toThrow(expect.objectContaining({ code: 'record.field_forbidden' }));
  });

  it('lets the enterprise resend the unchanged value and change its own fields, and the regulator above change it', () => {
    // given / when / then
    expect(() => assertFieldWrites(user('safetyOfficer', ent), c, ent, { name: 'A', verifiedOpinion: '同意' }, { name: 'B', verifiedOpinion: '同意' })).not.toThrow();
    expect(() => assertFieldWrites(user('streetOfficer', '/t/s1/'), c, ent, { verifiedOpinion: '同意' }, { verifiedOpinion: '退回' })).not.toThrow();
    expect(() => assertFieldWrites(user('platformAdmin', '/t/', true), c, ent, {}, { verifiedOpinion: 'x' })).not.toThrow();
  });

  it("does not count a regulator role held in another street", () => {
    // given a street officer of S2
    // when / then
    expect(() => assertFieldWrites(user('streetOfficer', '/t/s2/'), c, ent, {}, { verifiedOpinion: 'x' })).toThrow(expect.objectContaining({ code: 'record.field_forbidden' }));
  });
});
