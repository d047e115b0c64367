import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPackDir, validatePack } from './validatePack';

const SAFETY = fileURLToPath(new URL('../../../definitions/safety', import.meta.url));

describe('pack validate: dashboards (views of type "dashboard")', () => {
  it('checks a dashboard’s shape and its collections, fields and drill-down views against the pack', async () => {
    // given: the safety pack with its bureau dashboard broken in four ways
    const files = readPackDir(SAFETY);
    const file = 'views/safety_dashboard_bureau.json';
    const d = JSON.parse(files[file]!);
    d.content.widgets[0].source.collection = 'safety_nothing';
    d.content.widgets[2].source.measures.found.where = [{ field: 'description', op: 'eq', value: 'x' }];
    d.content.widgets[4].source.view = 'safety_hazard_ledger';
    d.content.widgets[7].source.drill.tasksDone = 'safety_no_view';
    files[file] = JSON.stringify(d);
    const shape = readPackDir(SAFETY);
    const e = JSON.parse(shape['views/safety_dashboard_enterprise.json']!);
    e.content.widgets[0].type = 'sparkline';
    shape['views/safety_dashboard_enterprise.json'] = JSON.stringify(e);
    // when
    const r = await validatePack(files);
    const s = await validatePack(shape);
    // then
    expect(r.issues.map((i) => `${i.file} | ${i.path} | ${i.code}`).sort()).toEqual([
      `${file} | content.widgets.0.source.collection | dashboard.unknown_collection`,
      `${file} | content.widgets.2.source.measures.found.where.0.field | dashboard.not_indexed`,
      `${file} | content.widgets.4.source.view | dashboard.drill_not_ledger`,
      `${file} | content.widgets.7.source.drill.tasksDone | dashboard.unknown_view`,
    ]);
    expect(s.issues.map((i) => `${i.file} | ${i.path} | ${i.code}`)).toEqual(['views/safety_dashboard_enterprise.json | content.widgets.0.type | dashboard.invalid']);
  });
});
