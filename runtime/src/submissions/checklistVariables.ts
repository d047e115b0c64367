import { scoreChecklist, type FormSchema } from '@safeflow/engine/forms';

/** One hazard to start from a failing checklist item, shaped like the `safety-hazard` start contract. */
export interface ChecklistHazard {
  title: string;
  description: string | null;
  location: string | null;
  photos: unknown[];
  suggestedGrade: '0' | '1';
  checklistItem: string;
  /** The major-hazard criterion the item maps to (`x-component-props.majorHazardRef`), '' when none: the hazard's grading ruleset input. */
  criterion: string;
  critical: boolean;
  origin: 'inspection';
  originId: string;
}

/**
 * The process variables a checklist submission adds (none when the form has
 * no ScoredItem): `checklistScore` ({score, maxScore, percent, passed,
 * failed}), `checklistPercent`, `checklistPassed`, `hazardCount` and
 * `hazardsToRaise` — one entry per failing item with `onFail.raiseHazard`,
 * ready for a multi-instance call activity of `safety-hazard`
 * (`camunda:collection="${hazardsToRaise}"`, `camunda:elementVariable="hazard"`,
 * `<camunda:in sourceExpression="${hazard.title}" target="title"/>` ...).
 * Grade suggestion: `1` (重大) for a critical item or an inspector's
 * `hazard.level = major`, else `0`.
 */
export function checklistVariables(form: FormSchema, values: Record<string, unknown>, submissionId: string): {
  checklistScore?: { score: number; maxScore: number; percent: number; passed: boolean; failed: string[] };
  checklistPercent?: number;
  checklistPassed?: boolean;
  hazardCount?: number;
  hazardsToRaise?: ChecklistHazard[];
} {
  if (!JSON.stringify(form).includes('"ScoredItem"')) return {};
  const s = scoreChecklist(form, values);
  const hazards = s.hazardsToRaise.map((h) => ({
    title: h.title,
    description: h.hazard?.description ?? h.note ?? null,
    location: h.hazard?.location ?? null,
    photos: h.photos ?? [],
    suggestedGrade: (h.critical || h.hazard?.level === 'major' ? '1' : '0') as '0' | '1',
    checklistItem: h.path,
    criterion: h.majorHazardRef ?? '',
    critical: h.critical,
    origin: 'inspection' as const,
    originId: submissionId,
  }));
  return {
    checklistScore: { score: s.score, maxScore: s.maxScore, percent: s.percent, passed: s.passed, failed: s.failed },
    checklistPercent: s.percent,
    checklistPassed: s.passed,
    hazardCount: hazards.length,
    hazardsToRaise: hazards,
  };
}
