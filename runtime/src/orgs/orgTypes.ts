import type { AppDeps } from '../app/AppDeps';
import type { Database, Tx } from '../db/Database';

/** A level of the org tree (configurable per installation). */
export interface OrgType {
  key: string;
  nameZh: string;
  nameEn: string;
  /** Types an org of this type may be created under. */
  allowedParentTypes: string[];
  /** May an org of this type be a root (tenant)? */
  rootAllowed: boolean;
  sortOrder: number;
}

/** The default levels: 市应急局 → 区应急局 → 街镇 → 园区 → 企业 (→ 部门), plus 片区 / 公共区域. */
export const DEFAULT_ORG_TYPES: OrgType[] = [
  {
    key: 'cityBureau',
    nameZh: '市应急管理局',
    nameEn: 'City emergency bureau',
    allowedParentTypes: [],
    rootAllowed: true,
    sortOrder: 10,
  },
  {
    key: 'districtBureau',
    nameZh: '区应急管理局',
    nameEn: 'District emergency bureau',
    allowedParentTypes: ['cityBureau'],
    rootAllowed: true,
    sortOrder: 20,
  },
  {
    key: 'streetOffice',
    nameZh: '街道（乡镇）',
    nameEn: 'Street / town office',
    allowedParentTypes: ['districtBureau'],
    rootAllowed: false,
    sortOrder: 30,
  },
  {
    key: 'park',
    nameZh: '园区',
    nameEn: 'Industrial park',
    allowedParentTypes: ['streetOffice', 'districtBureau'],
    rootAllowed: false,
    sortOrder: 40,
  },
  {
    key: 'zone',
    nameZh: '片区',
    nameEn: 'Zone',
    allowedParentTypes: ['park', 'streetOffice'],
    rootAllowed: false,
    sortOrder: 50,
  },
  {
    key: 'enterprise',
    nameZh: '企业',
    nameEn: 'Enterprise',
    allowedParentTypes: ['park', 'zone', 'streetOffice', 'districtBureau'],
    rootAllowed: true,
    sortOrder: 60,
  },
  {
    key: 'publicArea',
    nameZh: '公共区域',
    nameEn: 'Public area',
    allowedParentTypes: ['park', 'zone', 'streetOffice'],
    rootAllowed: false,
    sortOrder: 70,
  },
  {
    key: 'department',
    nameZh: '部门（车间）',
    nameEn: 'Department / workshop',
    allowedParentTypes: ['enterprise', 'department'],
    rootAllowed: false,
    sortOrder: 80,
  },
];

/** Inserts the default org types that are missing (never overwrites edited ones). Idempotent. */
export async function ensureOrgTypes(deps: Pick<AppDeps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now().getTime();
  await deps.db.transaction(async (tx) => {
    const have = new Set(
      (await tx.query<{ type_key: string }>(`SELECT type_key FROM org_type`)).map((r) => r.type_key),
    );
    for (const t of DEFAULT_ORG_TYPES) {
      if (have.has(t.key)) continue;
      await tx.execute(
        `INSERT INTO org_type (type_key, name_zh, name_en, allowed_parent_types, root_allowed, sort_order, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        [
          t.key,
          t.nameZh,
          t.nameEn,
          JSON.stringify(t.allowedParentTypes),
          t.rootAllowed ? 1 : 0,
          t.sortOrder,
          now,
          now,
        ],
      );
    }
  });
}

/** Every org type, in display order. */
export async function listOrgTypes(db: Database | Tx): Promise<OrgType[]> {
  const rows = await db.query<{
    type_key: string;
    name_zh: string;
    name_en: string;
    allowed_parent_types: string;
    root_allowed: number;
    sort_order: number;
  }>(
    `SELECT type_key, name_zh, name_en, allowed_parent_types, root_allowed, sort_order FROM org_type ORDER BY sort_order, type_key`,
  );
  return rows.map((r) => ({
    key: r.type_key,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    allowedParentTypes: JSON.parse(r.allowed_parent_types) as string[],
    rootAllowed: Number(r.root_allowed) === 1,
    sortOrder: Number(r.sort_order),
  }));
}
