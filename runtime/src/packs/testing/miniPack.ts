import { readFileSync } from 'node:fs';
import { bpmn } from '../../engine/testing/bpmn';

const lec = (JSON.parse(readFileSync(new URL('../../../../definitions/safety/rules/safety.lec.json', import.meta.url), 'utf8')) as { content: Record<string, unknown> }).content;
const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
const names = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * A small pack for the pack tests, version 1.0.0 or 1.1.0: a form, a
 * ruleset, a collection with a view, a process that grades with the ruleset
 * and asks for the form, two demo records and translations. 1.1.0 renames
 * the collection's `phone` to `contactPhone`, adds `highRisk` (declared
 * migrations renameField + setDefault), and renames the user task.
 */
export function miniPack(version: '1.0.0' | '1.1.0' = '1.0.0'): Record<string, string> {
  const v2 = version === '1.1.0';
  const phone = v2 ? 'contactPhone' : 'phone';
  const siteFields: Record<string, unknown> = {
    name: { type: 'string', required: true, title: { zh: '场所名称', en: 'Site' } },
    [phone]: { type: 'string', title: { zh: '联系电话', en: 'Phone' } },
    level: { type: 'enum', enum: ['low', 'general', 'major'], title: { zh: '风险等级', en: 'Risk level' } },
    ...(v2 ? { highRisk: { type: 'boolean', title: { zh: '高危', en: 'High risk' } } } : {}),
  };
  return {
    'manifest.json': json({
      id: 'mini',
      version,
      engine: '>=0.1.0 <1.0.0',
      name: names('迷你检查包', 'Mini inspection pack'),
      requires: { taskTypes: ['rules'], modules: ['inspection'] },
      migrations: [
        { from: '1.0.0', to: '1.1.0', steps: [
          { op: 'renameField', collection: 'mini_site', from: 'phone', to: 'contactPhone' },
          { op: 'setDefault', collection: 'mini_site', field: 'highRisk', value: false },
        ] },
      ],
    }),
    'README.md': '# mini pack (tests)\n',
    'forms/mini-check.json': json({
      key: 'mini-check',
      name: names('迷你检查表', 'Mini checklist'),
      content: { type: 'object', properties: { finding: { type: 'string', title: '检查结果', 'x-component': 'Input', required: true } } },
    }),
    'rules/mini.lec.json': json({ key: 'mini.lec', name: names('迷你 LEC', 'Mini LEC'), content: { ...lec, key: 'mini.lec' } }),
    'collections/mini_site.json': json({
      key: 'mini_site',
      name: names('场所', 'Sites'),
      content: {
        key: 'mini_site',
        name: { zh: '场所', en: 'Sites' },
        fields: siteFields,
        indexFields: [{ field: 'name' }, { field: 'level' }, ...(v2 ? [{ field: 'highRisk' }] : [])],
        states: [{ key: 'active', name: { zh: '在用', en: 'Active' } }, { key: 'closed', name: { zh: '停用', en: 'Closed' } }],
        initialState: 'active',
        transitions: [{ from: 'active', to: 'closed', roles: ['cityBureauAdmin'], name: { zh: '停用', en: 'Close' } }],
      },
    }),
    'views/mini_site_ledger.json': json({
      key: 'mini_site_ledger',
      name: names('场所台账', 'Site ledger'),
      content: {
        key: 'mini_site_ledger',
        collection: 'mini_site',
        columns: [{ field: 'name', title: { zh: '名称', en: 'Name' } }, { field: 'level', title: { zh: '等级', en: 'Level' } }],
        filters: [{ field: 'level', op: 'eq' }],
        defaultSort: { field: 'createdAt', dir: 'desc' },
        exportColumns: [{ field: 'name', title: { zh: '名称', en: 'Name' } }, { field: phone, title: { zh: '电话', en: 'Phone' } }],
      },
    }),
    'processes/mini-inspection.bpmn': bpmn(
      'mini-inspection',
      `<startEvent id="start"/>
     <sequenceFlow id="f1" sourceRef="start" targetRef="grade"/>
     <businessRuleTask id="grade" name="LEC 定级" camunda:type="external" camunda:topic="rules">
       <extensionElements><camunda:properties><camunda:property name="ruleset" value="mini.lec"/></camunda:properties></extensionElements>
     </businessRuleTask>
     <sequenceFlow id="f2" sourceRef="grade" targetRef="inspect"/>
     <userTask id="inspect" name="${v2 ? '现场复查' : '现场检查'}" camunda:candidateGroups="safetyOfficer" camunda:formKey="safeflow:forms/mini-check@latest"/>
     <sequenceFlow id="f3" sourceRef="inspect" targetRef="end"/>
     <endEvent id="end"/>`,
    ).replace('<process id="mini-inspection"', '<process id="mini-inspection" name="迷你检查"'),
    'seed/sites.json': json({
      collection: 'mini_site',
      records: [
        { ref: 'site-a', org: 'enterpriseA', data: { name: 'A区一号仓库', [phone]: '13805710001', level: 'general' } },
        { ref: 'site-b', org: 'enterpriseB', status: 'closed', data: { name: 'B区危化品库', level: 'major' } },
      ],
    }),
    'i18n/zh-CN.json': json({ 'pack.name': '迷你检查包', 'def.process.mini-inspection': '迷你检查' }),
    'i18n/en.json': json({ 'pack.name': 'Mini inspection pack', 'def.process.mini-inspection': 'Mini inspection' }),
  };
}
