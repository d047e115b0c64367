import type { CollectionContent } from '../../definitions/CollectionContent';
import type { ViewContent } from '../../definitions/ViewContent';

/**
 * A realistic 隐患 (hazard) collection after DOMAIN.md §1.2–1.3: grade
 * (一般/重大), type, source, treatment (即查即改/限期整改), the 五到位 items
 * (measures, responsible person, funds, deadline), photos, and the lifecycle
 * 已登记 → 整改中 → 待验收 → 已销号 with 退回整改 and 即查即改 shortcuts.
 */
export const hazardCollection: CollectionContent = {
  key: 'hazard',
  name: { zh: '隐患', en: 'Hazard' },
  fields: {
    title: { type: 'string', required: true, title: { zh: '隐患名称', en: 'Title' } },
    description: { type: 'string', title: { zh: '隐患描述', en: 'Description' } },
    riskLevel: { type: 'enum', enum: ['general', 'major'], required: true, title: { zh: '隐患等级', en: 'Grade' } },
    hazardType: { type: 'enum', enum: ['safety', 'process', 'electrical', 'instrument', 'fire', 'layout', 'equipment', 'other'], title: { zh: '隐患类型', en: 'Type' } },
    source: { type: 'enum', enum: ['daily', 'comprehensive', 'special', 'seasonal', 'holiday', 'accident', 'resumption', 'expert', 'controlFailure', 'snapshot', 'aiVideo', 'government', 'thirdParty', 'other'], title: { zh: '隐患来源', en: 'Source' } },
    treatment: { type: 'enum', enum: ['immediate', 'deadline'], title: { zh: '治理类型', en: 'Treatment' } },
    measures: { type: 'string', title: { zh: '控制措施', en: 'Measures' } },
    responsiblePerson: { type: 'string', title: { zh: '整改责任人', en: 'Responsible' } },
    rectifyCost: { type: 'number', title: { zh: '整改资金', en: 'Funds' } },
    deadline: { type: 'date', title: { zh: '治理期限', en: 'Deadline' } },
    emergencyPlan: { type: 'string', title: { zh: '应急预案', en: 'Contingency plan' } },
    photos: { type: 'fileRefs', title: { zh: '隐患照片', en: 'Photos' } },
  },
  indexFields: [
    { field: 'riskLevel' },
    { field: 'hazardType' },
    { field: 'source' },
    { field: 'responsiblePerson' },
    { field: 'deadline' },
    { field: 'rectifyCost' },
  ],
  states: [
    { key: 'reported', name: { zh: '已登记', en: 'Reported' } },
    { key: 'rectifying', name: { zh: '整改中', en: 'Rectifying' } },
    { key: 'pendingAcceptance', name: { zh: '待验收', en: 'Pending acceptance' } },
    { key: 'closed', name: { zh: '已销号', en: 'Closed' } },
  ],
  initialState: 'reported',
  transitions: [
    { from: 'reported', to: 'rectifying', roles: ['safetyOfficer', 'enterpriseOwner'], name: { zh: '下发整改', en: 'Order rectification' } },
    { from: 'reported', to: 'closed', roles: ['safetyOfficer'], name: { zh: '即查即改', en: 'Fixed on the spot' } },
    { from: 'rectifying', to: 'pendingAcceptance', roles: ['safetyOfficer', 'operator'], name: { zh: '整改完成', en: 'Rectified' } },
    { from: 'pendingAcceptance', to: 'closed', roles: ['safetyOfficer', 'districtBureauAdmin'], name: { zh: '验收通过', en: 'Accept' } },
    { from: 'pendingAcceptance', to: 'rectifying', roles: ['safetyOfficer', 'districtBureauAdmin'], name: { zh: '退回整改', en: 'Send back' } },
  ],
};

/** The 隐患台账 (hazard ledger) view over {@link hazardCollection}. */
export const hazardLedgerView: ViewContent = {
  key: 'hazardLedger',
  collection: 'hazard',
  columns: [
    { field: 'riskLevel', title: { zh: '隐患等级', en: 'Grade' } },
    { field: 'hazardType', title: { zh: '隐患类型', en: 'Type' } },
    { field: 'responsiblePerson', title: { zh: '整改责任人', en: 'Responsible' } },
    { field: 'deadline', title: { zh: '治理期限', en: 'Deadline' } },
    { field: 'status', title: { zh: '隐患状态', en: 'State' } },
    { field: 'createdAt', title: { zh: '登记时间', en: 'Registered' } },
  ],
  filters: [
    { field: 'status', op: 'eq' },
    { field: 'riskLevel', op: 'in' },
    { field: 'deadline', op: 'lte' },
    { field: 'rectifyCost', op: 'gte' },
  ],
  defaultSort: { field: 'createdAt', dir: 'desc' },
  exportColumns: [
    { field: 'title', title: { zh: '隐患名称', en: 'Title' } },
    { field: 'riskLevel', title: { zh: '隐患等级', en: 'Grade' } },
    { field: 'responsiblePerson', title: { zh: '整改责任人', en: 'Responsible' } },
    { field: 'rectifyCost', title: { zh: '整改资金', en: 'Funds' } },
    { field: 'status', title: { zh: '隐患状态', en: 'State' } },
  ],
};
