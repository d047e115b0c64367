import { describe, expect, it } from 'vitest';
import type { CollectionContent } from '../definitions/CollectionContent';
import { slotValues, validateRecordData } from './validateRecordData';

const c: CollectionContent = {
  key: 'hazard',
  name: { zh: '隐患', en: 'Hazard' },
  fields: {
    title: { type: 'string', required: true },
    level: { type: 'enum', enum: ['general', 'major'] },
    cost: { type: 'number' },
    deadline: { type: 'date' },
    photos: { type: 'fileRefs' },
  },
  indexFields: [
    { field: 'level', slot: 'ix_s1' },
    { field: 'cost', slot: 'ix_n1' },
    { field: 'deadline', slot: 'ix_t1' },
  ],
  states: [{ key: 'open', name: { zh: '开', en: 'Open' } }],
  initialState: 'open',
  transitions: [],
};

describe('validateRecordData', () => {
  it('rejects unknown fields, wrong types, unlisted options, missing required fields and foreign files', async () => {
    // given
    const data = { extra: 1, level: 'huge', cost: '12', deadline: 'soon', photos: [{ fileId: 'f-other' }] };
    // when
    const issues = await validateRecordData(c, data, async (id) => id === 'f-mine');
    // then
    expect(issues.map((i) => `${i.path}:${i.code}`).sort()).toEqual(
      ['extra:record.unknown_field', 'title:required', 'level:record.invalid_option', 'cost:record.invalid_type', 'deadline:record.invalid_type', 'photos.0.fileId:file.not_owned'].sort(),
    );
  });

  it('accepts well-formed data', async () => {
    const issues = await validateRecordData(c, { title: 't', level: 'major', cost: 3, deadline: '2026-01-02', photos: [{ fileId: 'f-mine' }] }, async (id) => id === 'f-mine');
    expect(issues).toEqual([]);
  });
});

describe('slotValues', () => {
  it('maps index fields to their slot columns with the slot family type', () => {
    // when
    const v = slotValues(c, { level: 'major', cost: 2.5, deadline: '2026-01-02T00:00:00Z' });
    // then
    expect(v).toEqual({ ix_s1: 'major', ix_n1: 2.5, ix_t1: Date.parse('2026-01-02T00:00:00Z') });
  });
});
