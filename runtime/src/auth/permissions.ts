/** Every permission of SafeFlow (fixed list shared by all modules). */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'user.read',
  'user.write',
  'membership.write',
  'audit.read',
  'file.read',
  'file.write',
  'entitlement.write',
  'engine.deploy',
  'engine.operate',
  'task.work',
  'definition.read',
  'definition.write',
  'record.read',
  'record.write',
] as const;

/** One permission name. */
export type Permission = (typeof PERMISSIONS)[number];
