import { z } from 'zod';

const fieldPath = z
  .string()
  .regex(/^[A-Za-z_$][\w$]*(\.[\w$]+)*$/, 'a field path of names and indexes separated by dots')
  .max(200);
const literal = z.union([
  z.string().max(1_000),
  z.number().refine(Number.isFinite, 'a finite number'),
  z.boolean(),
  z.null(),
]);

/** One comparison of a linkage condition. `in` takes an array value; `empty` / `notEmpty` take none. */
export const linkageConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ field: fieldPath, op: z.enum(['eq', 'ne']), value: literal }),
  z.strictObject({
    field: fieldPath,
    op: z.enum(['gt', 'lt', 'gte', 'lte']),
    value: z.number().refine(Number.isFinite, 'a finite number'),
  }),
  z.strictObject({ field: fieldPath, op: z.literal('in'), value: z.array(literal).min(1).max(200) }),
  z.strictObject({ field: fieldPath, op: z.enum(['empty', 'notEmpty']) }),
]);

/** What an action sets on its target. */
export const linkageSetSchema = z
  .strictObject({
    display: z.enum(['visible', 'hidden', 'none']).optional(),
    visible: z.boolean().optional(),
    required: z.boolean().optional(),
    pattern: z.enum(['editable', 'disabled', 'readOnly', 'readPretty']).optional(),
    value: literal.optional(),
  })
  .refine((s) => Object.keys(s).length > 0, 'set at least one of display, visible, required, pattern, value');

/** One declarative linkage rule as the designer stores it. */
export const linkageRuleSchema = z.strictObject({
  id: z.string().max(64).optional(),
  when: z.union([
    z.strictObject({ all: z.array(linkageConditionSchema).min(1).max(50) }),
    z.strictObject({ any: z.array(linkageConditionSchema).min(1).max(50) }),
  ]),
  then: z
    .array(z.strictObject({ target: fieldPath, set: linkageSetSchema }))
    .min(1)
    .max(50),
});

/** The linkage rules of a form (the designer's logic tab). */
export const linkageRulesSchema = z.array(linkageRuleSchema).max(500);

/** A linkage rule. */
export type LinkageRule = z.infer<typeof linkageRuleSchema>;
/** A linkage condition. */
export type LinkageCondition = z.infer<typeof linkageConditionSchema>;
