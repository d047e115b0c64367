import { z } from 'zod';

const name = z
  .string()
  .regex(/^[A-Za-z_][\w]*$/, 'a name of letters, digits and underscores')
  .max(64);
const literal = z.union([
  z.string().max(1_000),
  z.number().refine(Number.isFinite, 'a finite number'),
  z.boolean(),
  z.null(),
]);
const factType = z.enum(['number', 'string', 'boolean']);

/** A comparison of a fact (a declared fact, a computed name or `params.<name>`) with a literal, a list, or another fact. */
export const ruleComparisonSchema = z.strictObject({
  fact: z.string().min(1).max(128),
  operator: z.string().min(1).max(64),
  value: z.union([
    literal,
    z.array(literal).max(1_000),
    z.strictObject({ fact: z.string().min(1).max(128) }),
  ]),
  name: z.string().max(128).optional(),
});

/** A json-rules-engine condition tree (`all` / `any` / `not` / comparison). `path`, `params` and shared `condition` references are not allowed. */
export type RuleCondition =
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition }
  | z.infer<typeof ruleComparisonSchema>;

/** Zod schema of {@link RuleCondition}. */
export const ruleConditionSchema: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ruleConditionSchema).max(200) }),
    z.strictObject({ any: z.array(ruleConditionSchema).max(200) }),
    z.strictObject({ not: ruleConditionSchema }),
    ruleComparisonSchema,
  ]),
);

/** One json-rules-engine rule: top-level `all`/`any`/`not` conditions and the event whose params carry outputs. */
export const rulesetRuleSchema = z.strictObject({
  name: z.string().min(1).max(128),
  priority: z.number().int().min(1).max(1_000).optional(),
  conditions: z.union([
    z.strictObject({ all: z.array(ruleConditionSchema).max(200) }),
    z.strictObject({ any: z.array(ruleConditionSchema).max(200) }),
    z.strictObject({ not: ruleConditionSchema }),
  ]),
  event: z.strictObject({
    type: z.string().min(1).max(128),
    params: z.record(z.string(), literal).optional(),
  }),
});

/**
 * A versioned, declarative decision: typed input facts (enumerations
 * enforced), tenant `params` (constants the rules compare against, so a
 * tenant switch is a new version of the data, not code), computed facts in
 * the safe expression language (formily dialect, over facts, `params` and
 * earlier computed names), json-rules-engine rules, and typed outputs taken
 * from the fired rules' event params or from facts / computed values of the
 * same name. `decision: 'first'` (default) uses the highest-priority fired
 * rule only; `'all'` merges every fired rule (first writer wins).
 */
export const rulesetDefinitionSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][\w.-]*$/)
    .max(128),
  version: z.number().int().positive().optional(),
  title: z.string().max(200).optional(),
  description: z.string().max(4_000).optional(),
  params: z.record(name, literal).optional(),
  facts: z.record(
    name,
    z.strictObject({
      type: factType,
      enum: z.array(literal).min(1).max(1_000).optional(),
      required: z.boolean().optional(),
      title: z.string().max(200).optional(),
    }),
  ),
  computed: z.record(name, z.string().min(1).max(2_000)).optional(),
  rules: z.array(rulesetRuleSchema).min(1).max(1_000),
  outputs: z.record(
    name,
    z.strictObject({
      type: factType,
      enum: z.array(literal).optional(),
      title: z.string().max(200).optional(),
    }),
  ),
  decision: z.enum(['first', 'all']).optional(),
});

/** A ruleset definition (see {@link rulesetDefinitionSchema}). */
export type RulesetDefinition = z.infer<typeof rulesetDefinitionSchema>;
/** One rule of a ruleset. */
export type RulesetRule = z.infer<typeof rulesetRuleSchema>;
