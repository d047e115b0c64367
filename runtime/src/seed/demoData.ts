/** Password of every demo user. */
export const DEMO_PASSWORD = 'SafeFlow@2026';

/** One org of the demo tree; `parent` names another entry's `key`. */
export interface DemoOrg {
  key: string;
  parent?: string;
  type: string;
  name: string;
  info?: Record<string, unknown>;
}

/** The demo org tree: 市局 → 区局 → 街道 → 园区 → 企业 A–E, plus a 片区 and a 公共区域. */
export const DEMO_ORGS: DemoOrg[] = [
  {
    key: 'city',
    type: 'cityBureau',
    name: '杭州市应急管理局',
    info: { address: '杭州市上城区解放东路18号', phone: '0571-87000000' },
  },
  {
    key: 'district',
    parent: 'city',
    type: 'districtBureau',
    name: '滨江区应急管理局',
    info: { address: '杭州市滨江区江汉路1515号' },
  },
  {
    key: 'street',
    parent: 'district',
    type: 'streetOffice',
    name: '长河街道安全管理办公室',
    info: { address: '杭州市滨江区长河路' },
  },
  {
    key: 'park',
    parent: 'street',
    type: 'park',
    name: '高新技术产业园',
    info: {
      name: '高新技术产业园',
      safetyLead: '周建国',
      emergencyPhone: '0571-86690119',
      emergencySuppliesCount: 128,
      securityStaffCount: 24,
      area: 356000,
      address: '杭州市滨江区长河街道江南大道3588号',
      longitude: 120.2103,
      latitude: 30.2084,
    },
  },
  ...(
    [
      [
        'A',
        'A区精密制造有限公司',
        'DYRA1706237606',
        '通用设备制造业',
        'significant',
        '王建华',
        '李明',
        '13805710001',
      ],
      [
        'B',
        'B区新材料科技有限公司',
        'DYRB1706237711',
        '化学原料和化学制品制造业',
        'major',
        '陈志强',
        '赵丽',
        '13805710002',
      ],
      [
        'C',
        'C区电子元件有限公司',
        'DYRC1706237825',
        '计算机、通信和其他电子设备制造业',
        'general',
        '刘海涛',
        '孙伟',
        '13805710003',
      ],
      [
        'D',
        'D区食品加工有限公司',
        'DYRD1706237930',
        '农副食品加工业',
        'general',
        '张秀英',
        '钱进',
        '13805710004',
      ],
      ['E', 'E区仓储物流有限公司', 'DYRE1706238042', '仓储业', 'low', '黄永明', '吴芳', '13805710005'],
    ] as const
  ).map(([letter, name, number, industry, riskLevel, legalRepresentative, contact, phone]) => ({
    key: `enterprise${letter}`,
    parent: 'park',
    type: 'enterprise',
    name,
    info: { number, name, industry, riskLevel, writeOffState: 'active', legalRepresentative, contact, phone },
  })),
  {
    key: 'zone',
    parent: 'park',
    type: 'zone',
    name: '高新园东片区',
    info: { description: '园区东侧 A–C 区所在片区' },
  },
  {
    key: 'publicArea',
    parent: 'park',
    type: 'publicArea',
    name: '园区中心广场（公共区域）',
    info: { address: '江南大道3588号中心广场' },
  },
];

/** One demo login per built-in role. */
export interface DemoUser {
  username: string;
  displayName: string;
  roleKey: string;
  org: string;
  platformAdmin?: boolean;
}

/** The demo users (all with {@link DEMO_PASSWORD}). */
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'admin',
    displayName: '平台管理员',
    roleKey: 'platformAdmin',
    org: 'city',
    platformAdmin: true,
  },
  { username: 'city.admin', displayName: '市局管理员', roleKey: 'cityBureauAdmin', org: 'city' },
  { username: 'district.admin', displayName: '区局管理员', roleKey: 'districtBureauAdmin', org: 'district' },
  { username: 'street.officer', displayName: '街道安全员', roleKey: 'streetOfficer', org: 'street' },
  { username: 'owner.a', displayName: 'A区业主', roleKey: 'enterpriseOwner', org: 'enterpriseA' },
  { username: 'operator.a', displayName: 'A区经营责任人', roleKey: 'operator', org: 'enterpriseA' },
  { username: 'safety.a', displayName: 'A区安全员', roleKey: 'safetyOfficer', org: 'enterpriseA' },
  { username: 'inspector', displayName: '园区检查员', roleKey: 'inspector', org: 'park' },
  { username: 'worker.a', displayName: 'A区员工', roleKey: 'worker', org: 'enterpriseA' },
];
