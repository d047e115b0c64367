import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { DefinitionStore, type DefinitionVersion } from './DefinitionStore';
import { evaluateRulesetContent } from './engineAdapters';

/** `key[@version]` (a BPMN `ruleset` property) → key and optional version. */
export function parseRulesetRef(ref: string | undefined): { key: string; version?: number } {
  const m = /^([A-Za-z][A-Za-z0-9_.-]{0,127})(?:@(latest|[1-9]\d{0,8}))?$/.exec((ref ?? '').trim());
  if (!m) throw new SafeFlowError('ruleset.invalid_reference', `'${ref ?? ''}' is not a ruleset reference (key[@version])`, { status: 400 });
  return { key: m[1]!, version: m[2] && m[2] !== 'latest' ? Number(m[2]) : undefined };
}

/** One evaluation: the version used and the engine's result. */
export interface Decision {
  ruleset: DefinitionVersion;
  key: string;
  outputs: Record<string, unknown>;
  firedRules: unknown[];
  warnings: unknown[];
}

/**
 * Evaluates the published ruleset `key` (nearest up `orgPath`; a given
 * version, else the current one) over `facts` (with `onlyDeclaredFacts`,
 * just the facts the ruleset declares — process variables hold more). With `log`, records the
 * decision — ruleset key, version and version id, facts, outputs, fired
 * rules — in `decision_log`.
 */
export async function evaluateStoredRuleset(
  deps: AppDeps,
  input: { key: string; version?: number; orgPath: string; facts: Record<string, unknown>; onlyDeclaredFacts?: boolean },
  log?: { processInstanceId?: string | null; activityId?: string | null; tenantId?: string | null },
): Promise<Decision> {
  const { version } = await DefinitionStore.resolvePublished(deps.db, 'ruleset', input.key, input.orgPath, input.version);
  if (input.onlyDeclaredFacts) {
    const declared = (version.content as { facts?: Record<string, unknown> }).facts ?? {};
    input = { ...input, facts: Object.fromEntries(Object.entries(input.facts).filter(([k]) => Object.hasOwn(declared, k))) };
  }
  let result;
  try {
    result = await evaluateRulesetContent(version.content, input.facts);
  } catch (err) {
    if (err instanceof SafeFlowError) throw err;
    throw new SafeFlowError('ruleset.evaluation_failed', (err as Error).message, { status: 400 });
  }
  if (log) {
    await deps.db.transaction((tx) =>
      tx.execute(
        `INSERT INTO decision_log (id, ruleset_key, ruleset_version, ruleset_version_id, process_instance_id, activity_id, tenant_id, facts, outputs, fired_rules, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          crypto.randomUUID(), input.key, version.version, version.id, log.processInstanceId ?? null, log.activityId ?? null, log.tenantId ?? null,
          JSON.stringify(input.facts), JSON.stringify(result.outputs), JSON.stringify(result.firedRules), deps.clock.now().getTime(),
        ],
      ),
    );
  }
  return { ruleset: version, key: input.key, ...result };
}
