/** Exports area (导出任务, 隐患统计, export buttons). */
export default {
  nav: { jobs: '导出任务', hazardStatistics: '隐患统计' },
  title: '导出任务',
  refresh: '刷新',
  none: '还没有导出任务',
  download: '下载',
  failed: '导出失败',
  dossier: '导出一企一册（PDF）',
  ledgerBackground: '后台导出 Excel',
  kind: { 'enterprise-dossier': '一企一册', 'hazard-statistics': '隐患统计', 'ledger-xlsx': '台账 Excel' },
  status: { queued: '排队中', running: '生成中', done: '已完成', failed: '失败' },
  phase: { start: '开始', read: '读取档案', render: '生成文件', rows: '导出记录', compute: '统计', done: '完成', failed: '失败', queued: '等待', running: '生成中' },
  errors: {
    export_requester_gone: '申请人账号已停用或不存在',
    export_abandoned: '多次尝试后仍未完成，请重新导出',
    export_failed: '生成文件时出错',
    org_not_found: '单位不存在或不在您的范围内',
  },
  stats: {
    title: '隐患排查治理统计',
    due: '报送截止',
    pdf: '导出 PDF（签字版）',
    xlsx: '下载 Excel',
    org: '单位',
    total: '合计',
    col: {
      registered: '排查隐患总数', general: '一般隐患', major: '重大隐患', closed: '已整改销号', closedMajor: '重大隐患已核销',
      open: '未整改', overdue: '逾期未整改', rectificationRate: '整改率(%)', funds: '整改资金(元)', rejected: '驳回(非隐患)',
    },
  },
};
