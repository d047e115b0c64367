import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidUscc, scoreChecklist, type FormSchema } from '@safeflow/engine/forms';
import { DEMO_PASSWORD } from '../seed/demoData';
import { startTestServer, type TestServer } from '../testing/startTestServer';
import { BUNDLED_PACK_DIRS } from './installBundledPacks';
import { readPackDir, validatePack } from './validatePack';

type Server = TestServer & { dropDatabase(): Promise<void> };

/** The ScoredItem leaves of a checklist form (through its cards). */
function items(schema: FormSchema): Array<[string, FormSchema]> {
  const out: Array<[string, FormSchema]> = [];
  const walk = (s: FormSchema) => {
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      if (v['x-component'] === 'ScoredItem') out.push([k, v]);
      else if (v.type === 'void') walk(v);
    }
  };
  walk(schema);
  return out;
}

describe('the safety pack after npm start with demo data: archives, checklists, major-hazard criteria', () => {
  let server: Server;
  const tokens: Record<string, string> = {};
  const call = (user: string, method: string, p: string, body?: unknown) => server.request(method, p, { token: tokens[user], body });

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: true });
    for (const u of ['admin', 'city.admin', 'district.admin', 'owner.a', 'safety.a', 'inspector']) {
      tokens[u] = (await server.request('POST', '/api/v1/auth/login', { body: { username: u, password: DEMO_PASSWORD } })).body.accessToken;
    }
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('publishes every definition of the pack for the demo tenant', async () => {
    // given
    const { pack } = await validatePack(readPackDir(BUNDLED_PACK_DIRS[0]!));
    // when
    const rows = await server.runtime.deps.db.query<{ kind: string; def_key: string; published_version: number | null }>(
      `SELECT d.kind, d.def_key, d.published_version FROM definition d JOIN pack_definition p ON p.definition_id = d.id WHERE p.pack_id = 'safety'`,
    );
    // then
    const published = new Set(rows.filter((r) => r.published_version != null).map((r) => `${r.kind}:${r.def_key}`));
    expect([...published].sort()).toEqual(pack!.definitions.map((d) => `${d.kind}:${d.key}`).sort());
    expect(published).toContain('ruleset:safety.lec');
  });

  it('seeds the park, district, public-area and enterprise A–E archives with valid USCCs, visible in the ledgers by scope', async () => {
    // when
    const all = await call('district.admin', 'GET', '/api/v1/ledgers/safety_enterprise_ledger?pageSize=50');
    const own = await call('safety.a', 'GET', '/api/v1/ledgers/safety_enterprise_ledger?pageSize=50');
    const major = await call('district.admin', 'GET', '/api/v1/ledgers/safety_major_hazard_enterprises?filter[majorHazard][eq]=1');
    const park = await call('inspector', 'GET', '/api/v1/ledgers/safety_park_ledger');
    // then
    expect(all.status, all.text).toBe(200);
    expect(own.status, own.text).toBe(200);
    expect(major.status, major.text).toBe(200);
    expect(park.status, park.text).toBe(200);
    const names = all.body.items.map((i: { data: { name: string } }) => i.data.name).sort();
    expect(names).toEqual(['A区精密制造有限公司', 'B区新材料科技有限公司', 'C区电子元件有限公司', 'D区食品加工有限公司', 'E区仓储物流有限公司']);
    expect(all.body.items.every((i: { data: { uscc: string } }) => isValidUscc(i.data.uscc))).toBe(true);
    expect(all.body.countsByState).toMatchObject({ verified: 3, submitted: 1, draft: 1 });
    expect(own.body.items.map((i: { data: { name: string } }) => i.data.name)).toEqual(['A区精密制造有限公司']);
    expect(major.body.items.map((i: { data: { name: string; majorHazardLevel: string } }) => [i.data.name, i.data.majorHazardLevel])).toEqual([['B区新材料科技有限公司', 'level3']]);
    expect(park.body.items.map((i: { data: { name: string; emergencyPhone: string } }) => [i.data.name, i.data.emergencyPhone])).toEqual([['高新技术产业园', '0571-86690119']]);
  });

  it('validates the USCC check digit when an enterprise archive is created through its form', async () => {
    // given
    const base = {
      name: '测试机械有限公司', industry: '专用设备制造业', industryCategory: 'machinery', scale: 'small', employees: 20, address: '江南大道3588号',
      legalRepresentative: '测试', stdGrade: 'none', principalName: '测试', principalPhone: '13800000000', safetyManagerCount: 1,
    };
    // when
    const bad = await call('owner.a', 'POST', '/api/v1/records/safety_enterprise', { values: { ...base, uscc: '91330108MA2H0X1A21' } });
    const good = await call('owner.a', 'POST', '/api/v1/records/safety_enterprise', { values: { ...base, uscc: '91330108MA2H0X1A20' } });
    // then
    expect(bad.status, bad.text).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('uscc');
    expect(good.status, good.text).toBe(201);
    expect(good.body).toMatchObject({ status: 'draft', data: { uscc: '91330108MA2H0X1A20' } });
  });

  it('lets the enterprise submit its archive but only the regulator levels verify it', async () => {
    // given: enterprise D's archive is submitted
    const d = await call('district.admin', 'GET', '/api/v1/ledgers/safety_enterprise_ledger?filter[status][in]=submitted');
    const id = d.body.items[0].id;
    const a = (await call('safety.a', 'GET', '/api/v1/ledgers/safety_enterprise_ledger')).body.items[0];
    // when
    const byOwner = await call('safety.a', 'POST', `/api/v1/records/safety_enterprise/${a.id}/transition`, { to: 'writtenOff', revision: a.revision });
    const byDistrict = await call('district.admin', 'POST', `/api/v1/records/safety_enterprise/${id}/transition`, { to: 'verified', revision: d.body.items[0].revision });
    // then
    expect(byOwner.status).toBe(403);
    expect(byDistrict.status, byDistrict.text).toBe(200);
    expect(byDistrict.body.status).toBe('verified');
  });

  it('ships checklists with content, basis, method, score and photo-on-fail, and refuses a failed item without its photo', async () => {
    // given
    const keys = ['safety.checklist.fire', 'safety.checklist.hazchemStorage', 'safety.checklist.confinedSpace', 'safety.checklist.dustExplosion'];
    for (const key of keys) {
      const form = (await call('safety.a', 'GET', `/api/v1/definitions/form/${key}`)).body.version.content as FormSchema;
      const list = items(form);
      expect(list.length, key).toBeGreaterThanOrEqual(10);
      for (const [, item] of list) {
        const p = item['x-component-props'] as Record<string, unknown>;
        expect(typeof item.title).toBe('string');
        expect(String(p.basis)).toMatch(/《|GB/);
        expect(String(p.method).length).toBeGreaterThan(1);
        expect(p.score).toBeGreaterThan(0);
        expect(p.onFail).toMatchObject({ requireNote: true, raiseHazard: true });
      }
      expect(list.some(([, i]) => (i['x-component-props'] as { onFail: { requirePhoto: boolean } }).onFail.requirePhoto)).toBe(true);
    }
    const fire = (await call('safety.a', 'GET', '/api/v1/definitions/form/safety.checklist.fire')).body.version.content as FormSchema;
    const values: Record<string, unknown> = { inspectedArea: '一号厂房' };
    for (const [k] of items(fire)) values[k] = { result: 'pass' };
    values.evac01 = { result: 'fail', note: '二层东侧安全出口堆放纸箱' };
    // when
    const res = await call('safety.a', 'POST', '/api/v1/forms/safety.checklist.fire/submissions', { values, draft: false });
    // then
    expect(res.status, res.text).toBe(400);
    expect(JSON.stringify(res.body.details)).toContain('scored.photo_required');
    const score = scoreChecklist(fire, values);
    expect(score.criticalFailed).toEqual(['evac01']);
    expect(score.passed).toBe(false);
    expect(score.hazardsToRaise.map((h) => h.path)).toEqual(['evac01']);
  });

  it('suggests 重大 for a failed item mapped to the 工贸 major-hazard criteria (MEM Order No. 10) and 一般 otherwise', async () => {
    // given: the confined-space checklist maps its approval / ventilation / guardian items to 第十三条第（二）项
    const form = (await call('safety.a', 'GET', '/api/v1/definitions/form/safety.checklist.confinedSpace')).body.version.content as FormSchema;
    const ventilation = items(form).find(([, i]) => String(i.title).includes('先通风、再检测、后作业'))!;
    const ref = (ventilation[1]['x-component-props'] as { majorHazardRef: string }).majorHazardRef;
    // when
    const major = await call('safety.a', 'POST', '/api/v1/rulesets/safety.majorHazard.gongmao/evaluate', { facts: { criterion: ref } });
    const general = await call('safety.a', 'POST', '/api/v1/rulesets/safety.majorHazard.gongmao/evaluate', { facts: { criterion: '' } });
    const dust = await call('safety.a', 'POST', '/api/v1/rulesets/safety.majorHazard.gongmao/evaluate', { facts: { criterion: 'GM10-11-3' } });
    // then
    expect(ref).toBe('GM10-13-2');
    expect(major.status, major.text).toBe(200);
    expect(major.body.outputs).toMatchObject({ suggestedGrade: '1', gradeLabel: '重大事故隐患', criterionRef: 'GM10-13-2' });
    expect(major.body.outputs.basis).toContain('第十三条第（二）项');
    expect(general.body.outputs).toMatchObject({ suggestedGrade: '0', gradeLabel: '一般事故隐患' });
    expect(dust.body.outputs.basis).toContain('泄爆、惰化、抑爆');
  });
});
