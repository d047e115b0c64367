import { collectFieldNodes, eachFieldNode, readPath } from './collectFieldNodes';
import type { ScoredItemProps, ScoredItemValue } from './components/ScoredItemComponent';
import type { FormSchema } from './FormSchema';

/** A hazard to raise from a failed item whose `onFail.raiseHazard` is set. */
export interface HazardToRaise {
  /** Data path of the item (`item12`, `rows.0.check`). */
  path: string;
  title: string;
  critical: boolean;
  note?: string;
  photos: ScoredItemValue['photos'];
  hazard?: ScoredItemValue['hazard'];
  /** The item's `x-component-props.majorHazardRef` (a major-hazard criterion it maps to, e.g. `GM10-13-2`), if any. */
  majorHazardRef?: string;
}

/** Result of {@link scoreChecklist}. */
export interface ChecklistScore {
  /** Points earned: score × weight of every passed item. */
  score: number;
  /** Points possible: score × weight of every answered item except N/A. */
  maxScore: number;
  /** score / maxScore × 100, two decimals; 100 when nothing is scorable. */
  percent: number;
  /** No critical item failed and (with `passPercent`) percent ≥ passPercent. */
  passed: boolean;
  criticalFailed: string[];
  failed: string[];
  naExcluded: string[];
  /** Items with no answer (absent or hidden by linkage): excluded from maxScore; validation enforces requiredness. */
  unanswered: string[];
  hazardsToRaise: HazardToRaise[];
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/**
 * Scores the ScoredItem fields of a checklist over (validated, cleaned)
 * values. Each item is worth `score × weight` (defaults 1 × 1); `pass` earns
 * it, `fail` earns 0, `na` is excluded from the maximum. Any failed
 * `critical` item makes `passed` false whatever the percentage. `passPercent`
 * comes from `opts` or the root schema's `x-scoring.passPercent`.
 */
export function scoreChecklist(
  schema: FormSchema,
  values: unknown,
  opts: { passPercent?: number } = {},
): ChecklistScore {
  const scoring = schema['x-scoring'] as { passPercent?: unknown } | undefined;
  const passPercent =
    opts.passPercent ?? (typeof scoring?.passPercent === 'number' ? scoring.passPercent : undefined);
  const out: ChecklistScore = {
    score: 0,
    maxScore: 0,
    percent: 100,
    passed: true,
    criticalFailed: [],
    failed: [],
    naExcluded: [],
    unanswered: [],
    hazardsToRaise: [],
  };
  for (const node of eachFieldNode(collectFieldNodes(schema, values))) {
    if (node.schema['x-component'] !== 'ScoredItem') continue;
    const props = (node.schema['x-component-props'] ?? {}) as ScoredItemProps;
    const points = num(props.score, 1) * num(props.weight, 1);
    const value = readPath(values, node.segments) as ScoredItemValue | undefined;
    const result = value && typeof value === 'object' ? value.result : undefined;
    if (result === 'na') {
      out.naExcluded.push(node.path);
      continue;
    }
    if (result !== 'pass' && result !== 'fail') {
      out.unanswered.push(node.path);
      continue;
    }
    out.maxScore += points;
    if (result === 'pass') {
      out.score += points;
      continue;
    }
    out.failed.push(node.path);
    if (props.critical) out.criticalFailed.push(node.path);
    if (props.onFail?.raiseHazard) {
      out.hazardsToRaise.push({
        path: node.path,
        title: typeof node.schema.title === 'string' ? node.schema.title : node.path,
        critical: Boolean(props.critical),
        note: value!.note,
        photos: value!.photos ?? [],
        hazard: value!.hazard,
        ...(typeof (props as { majorHazardRef?: unknown }).majorHazardRef === 'string' ? { majorHazardRef: (props as { majorHazardRef: string }).majorHazardRef } : {}),
      });
    }
  }
  out.score = round2(out.score);
  out.maxScore = round2(out.maxScore);
  out.percent = out.maxScore === 0 ? 100 : round2((out.score / out.maxScore) * 100);
  out.passed = out.criticalFailed.length === 0 && (passPercent === undefined || out.percent >= passPercent);
  return out;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
