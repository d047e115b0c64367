/** The three LEC factors. */
export const FACTORS = ['L', 'E', 'C'] as const;
/** One LEC factor. */
export type Factor = (typeof FACTORS)[number];
/** The four risk levels, highest first. */
export const LEVELS = ['major', 'significant', 'general', 'low'] as const;
/** One risk level. */
export type Level = (typeof LEVELS)[number];
/** Colours a level may have (the outputs' `riskColor` values). */
export const COLOURS: Record<string, string> = { red: '#dc2626', orange: '#f97316', yellow: '#eab308', blue: '#2563eb', green: '#16a34a', purple: '#9333ea' };

/** One row of a factor's value table: the score and what it means. */
export interface LecRow {
  value: number;
  label: string;
}

/** One risk level: its label, colour and the D it starts above (the low level starts at 0). */
export interface LecBand {
  level: Level;
  label: string;
  colour: string;
  lowerBound: number;
}

/** What the LEC editor edits; {@link lecToRuleset} turns it into a `safety.lec`-shaped ruleset. */
export interface LecModel {
  key: string;
  title: string;
  description?: string;
  factors: Record<Factor, { title: string; rows: LecRow[] }>;
  /** major, significant, general, low. */
  bands: LecBand[];
  /** D equal to the general level's lower bound (70) counts as general (`params.generalLowerBoundInclusive`). */
  seventyInclusive: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a ruleset definition is free-form JSON here
type Json = any;

const BOUND_PARAM: Record<Exclude<Level, 'low'>, string> = { major: 'majorLowerBound', significant: 'significantLowerBound', general: 'generalLowerBound' };

/** The `params` entry that holds the label of a factor's value (`label_L_0_5` for L = 0.5). */
export function labelParam(factor: Factor, value: number): string {
  return `label_${factor}_${String(value).replace('.', '_').replace('-', 'm')}`;
}

/** Reads a `safety.lec`-shaped ruleset into the editor's model (labels from `params.label_*`, bands from the rules' event params). */
export function rulesetToLec(r: Json): LecModel {
  const params = r.params ?? {};
  const factors = Object.fromEntries(
    FACTORS.map((f) => {
      const fact = r.facts?.[f] ?? {};
      const values: number[] = (fact.enum ?? []).map(Number);
      return [f, { title: String(fact.title ?? f), rows: values.map((value) => ({ value, label: String(params[labelParam(f, value)] ?? '') })) }];
    }),
  ) as LecModel['factors'];
  const bands = LEVELS.map((level) => {
    const rule = (r.rules ?? []).find((x: Json) => x.name === level);
    const p = rule?.event?.params ?? {};
    return {
      level,
      label: String(p.riskLevelLabel ?? level),
      colour: String(p.riskColor ?? 'blue'),
      lowerBound: level === 'low' ? 0 : Number(params[BOUND_PARAM[level]] ?? 0),
    };
  });
  return { key: String(r.key), title: String(r.title ?? ''), description: r.description, factors, bands, seventyInclusive: params.generalLowerBoundInclusive === true };
}

/** Checks the model; returns the problems (empty: it converts). */
export function checkLec(m: LecModel): string[] {
  const out: string[] = [];
  for (const f of FACTORS) {
    const values = m.factors[f].rows.map((r) => r.value);
    if (!values.length) out.push(`${f}: no scores`);
    if (values.some((v) => !Number.isFinite(v) || v <= 0)) out.push(`${f}: scores are positive numbers`);
    if (new Set(values).size !== values.length) out.push(`${f}: a score is listed twice`);
  }
  const [major, significant, general] = m.bands;
  if (!(major!.lowerBound > significant!.lowerBound && significant!.lowerBound > general!.lowerBound && general!.lowerBound > 0)) {
    out.push('Thresholds must fall: major > significant > general > 0');
  }
  return out;
}

/**
 * The ruleset for an LEC model, in the shape of `definitions/safety/rulesets/safety.lec.json`:
 * facts L/E/C with their value tables (labels kept in `params.label_*`),
 * thresholds and the 70-boundary switch as params, D = round(L×E×C, 2), one
 * rule per level (highest priority first), outputs riskValue / riskLevel /
 * riskColor / riskLevelLabel.
 */
export function lecToRuleset(m: LecModel): Json {
  const problems = checkLec(m);
  if (problems.length) throw new Error(problems.join('; '));
  const band = (l: Level) => m.bands.find((b) => b.level === l)!;
  const params: Record<string, unknown> = {
    majorLowerBound: band('major').lowerBound,
    significantLowerBound: band('significant').lowerBound,
    generalLowerBound: band('general').lowerBound,
    generalLowerBoundInclusive: m.seventyInclusive,
  };
  for (const f of FACTORS) for (const row of m.factors[f].rows) if (row.label.trim()) params[labelParam(f, row.value)] = row.label.trim();
  const event = (l: Level) => ({ type: 'lec.graded', params: { riskLevel: l, riskColor: band(l).colour, riskLevelLabel: band(l).label } });
  const above = (param: string) => ({ fact: 'riskValue', operator: 'greaterThan', value: { fact: `params.${param}` } });
  return {
    key: m.key,
    title: m.title,
    ...(m.description ? { description: m.description } : {}),
    params,
    facts: Object.fromEntries(
      FACTORS.map((f) => [f, { type: 'number', title: m.factors[f].title, enum: m.factors[f].rows.map((r) => r.value), required: true }]),
    ),
    computed: { riskValue: 'round(L * E * C, 2)' },
    rules: [
      { name: 'major', priority: 4, conditions: { all: [above('majorLowerBound')] }, event: event('major') },
      { name: 'significant', priority: 3, conditions: { all: [above('significantLowerBound')] }, event: event('significant') },
      {
        name: 'general',
        priority: 2,
        conditions: {
          any: [
            above('generalLowerBound'),
            {
              all: [
                { fact: 'params.generalLowerBoundInclusive', operator: 'equal', value: true },
                { fact: 'riskValue', operator: 'equal', value: { fact: 'params.generalLowerBound' } },
              ],
            },
          ],
        },
        event: event('general'),
      },
      { name: 'low', priority: 1, conditions: { all: [{ fact: 'riskValue', operator: 'greaterThanInclusive', value: 0 }] }, event: event('low') },
    ],
    outputs: {
      riskValue: { type: 'number', title: '风险值 D' },
      riskLevel: { type: 'string', enum: [...LEVELS], title: '风险等级' },
      riskColor: { type: 'string', enum: [...new Set(m.bands.map((b) => b.colour))], title: '风险颜色' },
      riskLevelLabel: { type: 'string', title: '风险等级名称' },
    },
    decision: 'first',
  };
}

/** The level of D under the model (the preview grid; the server's evaluation is the truth). */
export function gradeOf(m: LecModel, d: number): LecBand {
  const b = (l: Level) => m.bands.find((x) => x.level === l)!;
  if (d > b('major').lowerBound) return b('major');
  if (d > b('significant').lowerBound) return b('significant');
  if (d > b('general').lowerBound || (m.seventyInclusive && d === b('general').lowerBound)) return b('general');
  return b('low');
}
