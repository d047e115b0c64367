/** Exports area (export jobs, hazard statistics, export buttons). */
export default {
  nav: { jobs: 'Exports', hazardStatistics: 'Hazard statistics' },
  title: 'Exports',
  refresh: 'Refresh',
  none: 'No exports yet',
  download: 'Download',
  failed: 'Export failed',
  dossier: 'Export dossier (PDF)',
  ledgerBackground: 'Export Excel in the background',
  kind: { 'enterprise-dossier': 'Enterprise dossier', 'hazard-statistics': 'Hazard statistics', 'ledger-xlsx': 'Ledger Excel' },
  status: { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' },
  phase: { start: 'Starting', read: 'Reading the archive', render: 'Making the file', rows: 'Exporting rows', compute: 'Counting', done: 'Done', failed: 'Failed', queued: 'Waiting', running: 'Running' },
  errors: {
    export_requester_gone: 'The requesting account is disabled or gone',
    export_abandoned: 'Not finished after several attempts; please export again',
    export_failed: 'The file could not be made',
    org_not_found: 'The organisation does not exist or is outside your scope',
  },
  stats: {
    title: 'Hazard statistics',
    due: 'Due',
    pdf: 'Export PDF (for signature)',
    xlsx: 'Download Excel',
    org: 'Organisation',
    total: 'Total',
    col: {
      registered: 'Registered', general: 'General', major: 'Major', closed: 'Closed', closedMajor: 'Major closed',
      open: 'Open', overdue: 'Overdue', rectificationRate: 'Rectification rate (%)', funds: 'Funds (CNY)', rejected: 'Rejected',
    },
  },
};
