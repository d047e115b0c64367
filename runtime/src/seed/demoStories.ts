import type { PhotoRef } from './storeDemoPhoto';

/** A user task of a demo story to complete on the way, as one of the demo users (see demoData.ts). */
export interface DemoStep {
  task: string;
  as: string;
  /** The form values (from the time; `photo()` uploads one demo photo for the story's org). */
  values: (ctx: DemoContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** What story values may use: the time, and a demo photo reference uploaded for the story's org. */
export interface DemoContext {
  now: Date;
  photo: () => Promise<PhotoRef>;
}

/** A record to create before the start (e.g. the risk point an assessment grades); its id goes to `variable`. */
export interface DemoRecord {
  collection: string;
  data: (ctx: DemoContext) => Record<string, unknown>;
  variable: string;
}

/**
 * One running process of the demo: started for `org` by `starter` with
 * `variables`, driven through `steps`, resting at user task `restsAt`
 * (absent: run to its end). Identified by its business key `demo:<key>`.
 */
export interface DemoStory {
  key: string;
  process: string;
  org: string;
  starter: string;
  record?: DemoRecord;
  variables: (ctx: DemoContext) => Record<string, unknown>;
  steps: DemoStep[];
  restsAt?: string;
}

const at = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
const day = (now: Date, days: number) => at(now, days).slice(0, 10);

const hazard = (title: string, location: string, description: string) => () => ({
  title, description, location, source: '1', origin: 'manual', suggestedGrade: '0',
});
const confirm: DemoStep = { task: 'confirm', as: 'safety.a', values: () => ({ isHazard: 'yes', grade: '0', treatment: '1' }) };
const notice = (measures: string, responsible: string, funds: number): DemoStep => ({
  task: 'notice', as: 'safety.a', values: ({ now }) => ({ measures, responsible, funds, deadline: day(now, 7) }),
});
const rectifyDone = (rectifyNote: string): DemoStep => ({
  task: 'rectify', as: 'safety.a', values: async ({ photo }) => ({ outcome: 'done', rectifyNote, afterPhotos: [await photo()] }),
});

/**
 * The demo's living processes in 企业 A (the demo enterprise of `safety.a`):
 * a hazard to confirm, one under rectification, one awaiting acceptance, one
 * closed; a risk assessment in review; a training session to sign in. With
 * the daily inspection's current occurrence (per enterprise) they fill the
 * inbox of `safety.a` and `owner.a` after `npm start`.
 */
export const DEMO_STORIES: DemoStory[] = [
  {
    key: 'hazard-confirm', process: 'safety-hazard', org: 'enterpriseA', starter: 'safety.a',
    variables: hazard('消防通道堆放货物', '二号车间东侧通道', '东侧消防通道堆放成品托盘约 3 米，影响疏散'),
    steps: [], restsAt: 'confirm',
  },
  {
    key: 'hazard-rectify', process: 'safety-hazard', org: 'enterpriseA', starter: 'safety.a',
    variables: hazard('配电箱未张贴警示标识', '一号车间配电箱', '一号车间 3 台配电箱未张贴“当心触电”警示标识'),
    steps: [confirm, notice('张贴警示标识并每周检查', '设备部 张三', 200)], restsAt: 'rectify',
  },
  {
    key: 'hazard-accept', process: 'safety-hazard', org: 'enterpriseA', starter: 'safety.a',
    variables: hazard('砂轮机防护罩缺失', '机加工车间', '2 号砂轮机防护罩缺失，操作时有碎片飞出风险'),
    steps: [confirm, notice('安装砂轮机防护罩', '机加工车间 王五', 800), rectifyDone('已安装防护罩并试机')], restsAt: 'accept',
  },
  {
    key: 'hazard-closed', process: 'safety-hazard', org: 'enterpriseA', starter: 'safety.a',
    variables: hazard('应急照明灯损坏', '办公楼二楼走廊', '二楼走廊 2 盏应急照明灯断电后不亮'),
    steps: [
      confirm, notice('更换应急照明灯', '行政部 赵六', 300), rectifyDone('已更换 2 盏应急照明灯，断电测试正常'),
      { task: 'accept', as: 'owner.a', values: () => ({ acceptanceResult: 'pass', acceptanceComment: '现场断电测试合格' }) },
    ],
  },
  {
    key: 'risk-review', process: 'safety-risk-assessment', org: 'enterpriseA', starter: 'safety.a',
    record: {
      collection: 'safety_risk_point', variable: 'riskPointId',
      data: () => ({ name: '激光切割机', code: 'RP-A-LASER', pointType: 'equipment', department: '钣金车间', zone: [[420, 80], [480, 80], [480, 140], [420, 140]], zoneCode: 'Z-RP-A-LASER' }),
    },
    variables: () => ({}),
    steps: [{
      task: 'identify', as: 'safety.a', values: () => ({
        hazardCategory: 'material', accidentType: 'machinery', method: 'LEC', L: 3, E: 6, C: 7, controlEffectiveness: 'effective',
        measures: [{ category: 'engineering', description: '激光切割机加装防护门联锁', checkContent: '防护门联锁是否有效', cycleN: 1, cycleUnit: 'day', responsibleRole: 'safetyOfficer' }],
        hazardSources: [{ name: '激光辐射', gb13861Code: '2.1.1', gb6441Type: '其他伤害' }],
        noticeHazards: '激光辐射、机械伤害', noticeMeasures: '防护门联锁、佩戴防护眼镜', noticeEmergency: '立即停机、拨打 0571-86690119',
      }),
    }],
    restsAt: 'review',
  },
  {
    key: 'training-sign', process: 'safety-training', org: 'enterpriseA', starter: 'safety.a',
    record: {
      collection: 'safety_training_plan', variable: 'trainingPlanId',
      data: ({ now }) => ({
        name: '全员消防安全培训（灭火器与疏散）', trainingType: 'daily', department: '安全环保部', headcount: 40, mode: 'offline',
        startAt: at(now, 1), endAt: at(now, 1 + 4 / 24), hours: 4, trainer: '园区消防站', location: '园区培训中心', passScore: 60,
      }),
    },
    variables: () => ({ sessionHours: 4, passScore: 60 }),
    steps: [{ task: 'approve', as: 'owner.a', values: () => ({ decision: 'approve', approvalOpinion: '同意' }) }],
    restsAt: 'attendance',
  },
];
