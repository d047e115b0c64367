import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DefinitionService } from './DefinitionService';
import { DefinitionStore } from './DefinitionStore';
import { evaluateRulesetContent } from './engineAdapters';
import { evaluateStoredRuleset } from './evaluateStoredRuleset';

/**
 * `POST /api/v1/rulesets/:key/evaluate { facts, version?, draft? }` — the
 * designer's test panel: evaluates the ruleset the caller resolves (its
 * current published version, a given version, or with `draft: true` the
 * latest version even if unpublished) without logging a decision.
 */
export function rulesetRoutes(deps: AppDeps): AnyRoute[] {
  const definitions = new DefinitionService(deps);
  return [
    defineRoute({
      method: 'post', path: '/rulesets/:key/evaluate', summary: 'Evaluate a ruleset over facts (test panel)', tags: ['definitions'],
      permission: 'definition.read', params: z.object({ key: z.string().max(128) }),
      body: z.strictObject({ facts: z.record(z.string(), z.unknown()), version: z.number().int().positive().optional(), draft: z.boolean().optional(), orgId: z.string().max(36).optional() }),
      response: z.object({ key: z.string(), version: z.number(), status: z.string(), outputs: z.record(z.string(), z.unknown()), firedRules: z.array(z.unknown()), warnings: z.array(z.unknown()) }),
      handler: async ({ params, body, auth }) => {
        const def = await definitions.resolve(auth, 'ruleset', params.key, body.orgId);
        if (body.draft) {
          const v = (await DefinitionStore.version(deps.db, def.id, def.latestVersion))!;
          const r = await evaluateRulesetContent(v.content, body.facts);
          return { key: params.key, version: v.version, status: v.status, ...r };
        }
        const d = await evaluateStoredRuleset(deps, { key: params.key, version: body.version, orgPath: def.orgPath, facts: body.facts });
        return { key: params.key, version: d.ruleset.version, status: d.ruleset.status, outputs: d.outputs, firedRules: d.firedRules, warnings: d.warnings };
      },
    }),
  ];
}
