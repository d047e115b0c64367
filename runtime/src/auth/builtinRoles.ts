import { PERMISSIONS, type Permission } from './permissions';

/** A role shipped with SafeFlow (see roles.md for the matrix). */
export interface BuiltinRole {
  key: string;
  nameZh: string;
  nameEn: string;
  permissions: Permission[];
}

const bureau: Permission[] = [
  'org.read',
  'org.write',
  'user.read',
  'user.write',
  'membership.write',
  'audit.read',
  'file.read',
  'file.write',
  'engine.deploy',
  'engine.operate',
  'task.work',
  'definition.read',
  'definition.write',
  'record.read',
  'record.write',
];

/**
 * The built-in roles, upserted at every start (`ensureBuiltinRoles`). A
 * membership grants the role's permissions in the subtree of its org;
 * platform-wide power comes from `user.is_platform_admin`, not from a role.
 */
export const BUILTIN_ROLES: BuiltinRole[] = [
  {
    key: 'platformAdmin',
    nameZh: '平台管理员',
    nameEn: 'Platform administrator',
    permissions: [...PERMISSIONS],
  },
  {
    key: 'cityBureauAdmin',
    nameZh: '市应急管理局管理员',
    nameEn: 'City bureau administrator',
    permissions: bureau,
  },
  {
    key: 'districtBureauAdmin',
    nameZh: '区应急管理局管理员',
    nameEn: 'District bureau administrator',
    permissions: bureau,
  },
  {
    key: 'streetOfficer',
    nameZh: '街道（乡镇）安全员',
    nameEn: 'Street / town officer',
    permissions: [
      'org.read',
      'org.write',
      'user.read',
      'audit.read',
      'file.read',
      'file.write',
      'task.work',
      'definition.read',
      'record.read',
      'record.write',
    ],
  },
  {
    key: 'enterpriseOwner',
    nameZh: '业主',
    nameEn: 'Enterprise owner',
    permissions: [
      'org.read',
      'org.write',
      'user.read',
      'user.write',
      'membership.write',
      'audit.read',
      'file.read',
      'file.write',
      'task.work',
      'definition.read',
      'definition.write',
      'record.read',
      'record.write',
    ],
  },
  {
    key: 'operator',
    nameZh: '经营责任人',
    nameEn: 'Operator (business manager)',
    permissions: [
      'org.read',
      'user.read',
      'file.read',
      'file.write',
      'task.work',
      'definition.read',
      'record.read',
      'record.write',
    ],
  },
  {
    key: 'safetyOfficer',
    nameZh: '企业安全员',
    nameEn: 'Enterprise safety officer',
    permissions: [
      'org.read',
      'user.read',
      'audit.read',
      'file.read',
      'file.write',
      'task.work',
      'definition.read',
      'definition.write',
      'record.read',
      'record.write',
    ],
  },
  {
    key: 'inspector',
    nameZh: '检查员',
    nameEn: 'Inspector',
    permissions: [
      'org.read',
      'file.read',
      'file.write',
      'task.work',
      'definition.read',
      'record.read',
      'record.write',
    ],
  },
  {
    key: 'worker',
    nameZh: '一线员工',
    nameEn: 'Worker',
    permissions: ['file.read', 'file.write', 'task.work', 'definition.read', 'record.read'],
  },
];
