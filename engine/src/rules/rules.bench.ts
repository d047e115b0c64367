import lecFile from '../../../definitions/safety/rules/safety.lec.json' with { type: 'json' };
import { evaluateRuleset } from './evaluateRuleset';
import { rulesetDefinitionSchema } from './RulesetDefinition';

const L = [10, 6, 3, 1, 0.5, 0.2, 0.1];
const E = [10, 6, 3, 2, 1, 0.5];
const C = [100, 40, 15, 7, 3, 1];

/**
 * Evaluates the LEC ruleset over all 252 input combinations repeatedly for
 * about `seconds` (default 2) after a warm-up; returns evaluations per second
 * (one evaluation = fact validation + computed D + json-rules-engine run of 4 rules).
 */
export async function benchRules(opts: { seconds?: number } = {}): Promise<{ rulesPerSecond: number }> {
  const def = rulesetDefinitionSchema.parse(lecFile.content);
  const inputs = L.flatMap((l) => E.flatMap((e) => C.map((c) => ({ L: l, E: e, C: c }))));
  for (const facts of inputs) await evaluateRuleset(def, facts);
  const until = performance.now() + (opts.seconds ?? 2) * 1000;
  const start = performance.now();
  let n = 0;
  while (performance.now() < until) {
    for (const facts of inputs) await evaluateRuleset(def, facts);
    n += inputs.length;
  }
  return { rulesPerSecond: Math.round(n / ((performance.now() - start) / 1000)) };
}
