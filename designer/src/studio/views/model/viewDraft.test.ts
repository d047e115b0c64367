import { describe, expect, it } from 'vitest';
import type { CollectionContentJson } from '../../collections/model/collectionDraft';
import { columnFor, moveItem, newView, toContent, viewFields, viewIssues } from './viewDraft';

const collection: CollectionContentJson = {
  key: 'hazard',
  name: { zh: '隐患', en: 'Hazard' },
  fields: {
    title: { type: 'string', title: { zh: '标题', en: 'Title' } },
    riskLevel: { type: 'enum', enum: ['major', 'general'], title: { zh: '等级', en: 'Grade' } },
    note: { type: 'string' },
  },
  indexFields: [{ field: 'riskLevel', slot: 'ix_s1' }, { field: 'title', slot: 'ix_s2' }],
  states: [{ key: 'open', name: { zh: '待整改', en: 'Open' } }],
  initialState: 'open',
  transitions: [],
};

describe('viewDraft', () => {
  it('offers the index fields (with their titles) and the system fields, not the unindexed ones', () => {
    // when
    const fields = viewFields(collection);
    // then
    expect(fields.map((f) => f.field)).toEqual(['riskLevel', 'title', 'status', 'createdAt', 'updatedAt', 'orgId']);
    expect(fields[0]!.title).toEqual({ zh: '等级', en: 'Grade' });
  });

  it('a new view shows the first index field and the state, newest first, and has no issues', () => {
    // when
    const view = newView('hazardLedger', collection);
    // then
    expect(view.columns.map((c) => c.field)).toEqual(['riskLevel', 'status']);
    expect(view.defaultSort).toEqual({ field: 'createdAt', dir: 'desc' });
    expect(viewIssues(view, viewFields(collection))).toEqual([]);
  });

  it('moves a column as a drag does, in both directions', () => {
    // given
    const cols = ['a', 'b', 'c', 'd'];
    // when / then
    expect(moveItem(cols, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(cols, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(cols, 1, 1)).toBe(cols);
  });

  it('finds an unindexed field, a duplicate column, an empty title, a bad width and a sort on an unknown field', () => {
    // given
    const fields = viewFields(collection);
    const view = newView('v', collection);
    view.columns.push({ field: 'note', title: { zh: '备注', en: 'Note' } }, { ...columnFor('riskLevel', fields), width: 20 });
    view.columns[1]!.title.en = ' ';
    view.defaultSort = { field: 'note', dir: 'asc' };
    // when
    const issues = viewIssues(view, fields);
    // then
    expect(issues).toEqual([
      { path: 'columns.1.title', code: 'view.title_missing' },
      { path: 'columns.2.field', code: 'view.not_indexed' },
      { path: 'columns.3.field', code: 'view.duplicate_column' },
      { path: 'columns.3.width', code: 'view.bad_width' },
      { path: 'defaultSort.field', code: 'view.not_indexed' },
    ]);
  });

  it('saves widths only where set', () => {
    // given
    const view = newView('v', collection);
    view.columns[0]!.width = 160;
    // when
    const content = toContent(view);
    // then
    expect(content.columns).toEqual([{ field: 'riskLevel', title: { zh: '等级', en: 'Grade' }, width: 160 }, { field: 'status', title: { zh: '状态', en: 'State' } }]);
  });
});
