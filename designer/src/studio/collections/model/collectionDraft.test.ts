import { describe, expect, it } from 'vitest';
import { hazardCollection } from '../../../../../runtime/src/records/testing/hazardSamples';
import { CollectionContent } from '../../../../../runtime/src/definitions/CollectionContent';
import { draftIssues, fromDraft, newCollectionDraft, toDraft, type CollectionContentJson } from './collectionDraft';

describe('collection drafts', () => {
  it('round-trips a realistic collection (the hazard ledger’s) unchanged', () => {
    // given
    const content = hazardCollection as unknown as CollectionContentJson;
    // when
    const back = fromDraft(toDraft(content));
    // then
    expect(back).toEqual(content);
    expect(draftIssues(toDraft(content))).toEqual([]);
  });

  it('keeps field write permissions (writableBy) through the editor', () => {
    // given the safety pack's enterprise archive with regulator-only fields
    const content = { ...hazardCollection, fields: { ...hazardCollection.fields, verifiedOpinion: { type: 'string', writableBy: ['streetOfficer', 'districtBureauAdmin'] } } } as unknown as CollectionContentJson;
    // when
    const back = fromDraft(toDraft(content));
    // then
    expect(back.fields.verifiedOpinion).toEqual({ type: 'string', writableBy: ['streetOfficer', 'districtBureauAdmin'] });
    expect(CollectionContent.safeParse(back).success).toBe(true);
  });

  it('makes content the runtime schema accepts from a new draft with an enum field, keeping publish-time slots', () => {
    // given
    const d = newCollectionDraft('inspection', '巡查记录');
    d.fields.push({ name: 'grade', type: 'enum', required: false, title: { zh: '等级', en: '' }, enumText: 'general，major, major' });
    d.indexFields.push('grade');
    d.slots = { title: 'ix_s1' };
    // when
    const content = fromDraft(d);
    // then
    expect(CollectionContent.safeParse(content).success).toBe(true);
    expect(content.fields.grade).toEqual({ type: 'enum', enum: ['general', 'major'], title: { zh: '等级', en: '等级' } });
    expect(content.indexFields).toEqual([{ field: 'title', slot: 'ix_s1' }, { field: 'grade' }]);
  });

  it('finds bad names, reserved and duplicate fields, empty enums, unindexable fields and unknown states', () => {
    // given
    const d = newCollectionDraft('x', 'x');
    d.fields.push({ name: '1bad', type: 'string', required: false, title: { zh: '', en: '' }, enumText: '' });
    d.fields.push({ name: 'status', type: 'string', required: false, title: { zh: '', en: '' }, enumText: '' });
    d.fields.push({ name: 'title', type: 'enum', required: false, title: { zh: '', en: '' }, enumText: '' });
    d.fields.push({ name: 'photos', type: 'fileRefs', required: false, title: { zh: '', en: '' }, enumText: '' });
    d.indexFields.push('photos');
    d.transitions.push({ from: 'open', to: 'gone', rolesText: '', name: { zh: '', en: '' } });
    // when
    const codes = draftIssues(d).map((i) => `${i.path}:${i.code}`);
    // then
    expect(codes).toEqual([
      'fields.1.name:collection.bad_name',
      'fields.2.name:collection.reserved_field',
      'fields.3.name:collection.duplicate_field',
      'fields.3.enum:collection.enum_missing',
      'indexFields.1:collection.not_indexable',
      'transitions.1.to:collection.unknown_state',
      'transitions.1.roles:collection.no_roles',
    ]);
  });
});
