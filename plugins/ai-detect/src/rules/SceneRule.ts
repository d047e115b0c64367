import { z } from 'zod';

/** A point of a zone polygon in normalised picture coordinates (0..1). */
const point = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);

/**
 * A scene rule, as data: which detections it looks at (`subject` label), a condition in
 * SafeFlow's safe expression language evaluated per subject (helpers below), an optional
 * zone, and what a violation becomes (hazard title, suggested grade).
 *
 * Scope of `when`: `label`, `confidence`, `box` ({x1,y1,x2,y2} pixels), `width`, `height`
 * (picture), `inZone` (the subject's foot point — bottom centre — lies in the zone; true
 * without a zone); helpers `has(label, minShare = 0.5)` (a detection of `label` lies inside
 * the subject's box by at least that share of its own area), `near(label, minIou)` (one
 * overlaps it by IoU), `countOf(label)` (detections of `label` in the picture).
 */
export const sceneRuleSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/),
  name: z.strictObject({ 'zh-CN': z.string().min(1).max(100), en: z.string().min(1).max(100) }),
  subject: z.string().min(1).max(100),
  when: z.string().min(1).max(1000),
  zone: z.array(point).min(3).max(64).optional(),
  hazardTitle: z.string().min(1).max(200),
  suggestedGrade: z.enum(['0', '1']).default('0'),
  /** 隐患类型 / 管理分类 of the hazards.md contract. */
  hazardType: z.string().regex(/^[1-8]$/).optional(),
  mgmtClass: z.enum(['1', '2', '3']).optional(),
});

/** A parsed scene rule. */
export type SceneRule = z.infer<typeof sceneRuleSchema>;

/** The built-in rules of the seed's scenes. */
export const BUILTIN_SCENE_RULES: Record<string, SceneRule> = {
  'no-helmet': {
    key: 'no-helmet',
    name: { 'zh-CN': '未佩戴安全帽', en: 'Person without a helmet' },
    subject: 'person',
    when: "inZone && !has('safehat', 0.5)",
    hazardTitle: '作业人员未佩戴安全帽',
    suggestedGrade: '0',
    hazardType: '1',
    mgmtClass: '1',
  },
  'phone-in-use': {
    key: 'phone-in-use',
    name: { 'zh-CN': '作业区使用手机', en: 'Phone in use' },
    subject: 'telephone',
    when: "inZone && (countOf('person') == 0 || near('person', 0.0001))",
    hazardTitle: '作业区域内使用手机',
    suggestedGrade: '0',
    hazardType: '1',
    mgmtClass: '1',
  },
  'dump-truck-in-zone': {
    key: 'dump-truck-in-zone',
    name: { 'zh-CN': '禁行区出现泥头车', en: 'Dump truck in a no-truck area' },
    subject: 'dump truck',
    when: 'inZone',
    hazardTitle: '禁行区域出现泥头车',
    suggestedGrade: '0',
    hazardType: '1',
    mgmtClass: '2',
  },
};
