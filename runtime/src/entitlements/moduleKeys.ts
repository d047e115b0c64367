/** Basic modules (基础服务) a tenant can be entitled to. */
export const BASIC_MODULES = ['inspection', 'archives', 'risk', 'duty', 'parkMap'] as const;
/** Value-added modules (增值服务). */
export const VALUE_ADDED_MODULES = [
  'aiPatrol',
  'advancedRisk',
  'highRiskWork',
  'thirdParty',
  'videoDiagnostics',
  'commandDispatch',
  'emergency',
  'flywheel',
] as const;
/** Every entitlement module key; use them in `defineRoute({ module })`. */
export const MODULE_KEYS = [...BASIC_MODULES, ...VALUE_ADDED_MODULES] as const;
/** One entitlement module key. */
export type ModuleKey = (typeof MODULE_KEYS)[number];
