import { api } from '@/api';
import type { DefinitionSummary, DefinitionVersion } from '../processes/processApi';

/** `GET /definitions/ruleset/:key`. */
export interface RulesetDefinitionRead {
  definition: DefinitionSummary;
  version: DefinitionVersion | null;
  draft: DefinitionVersion | null;
}

/** `POST /rulesets/:key/evaluate`. */
export interface Evaluation {
  key: string;
  version: number;
  status: string;
  outputs: Record<string, unknown>;
  firedRules: unknown[];
  warnings: unknown[];
}

const enc = encodeURIComponent;

/** The rules editors' calls (rulesets are `ruleset` definitions; edits are drafts until published). */
export const rulesApi = {
  list: () => api.get<{ items: DefinitionSummary[] }>('/definitions/ruleset'),
  get: (key: string) => api.get<RulesetDefinitionRead>(`/definitions/ruleset/${enc(key)}`),
  saveDraft: (key: string, content: unknown) =>
    api.request<{ definition: DefinitionSummary; version: DefinitionVersion }>('PUT', `/definitions/ruleset/${enc(key)}/draft`, { body: { content } }),
  publish: (key: string) => api.post<{ definition: DefinitionSummary; version: DefinitionVersion }>(`/definitions/ruleset/${enc(key)}/publish`, {}),
  /** Evaluates the latest version (the draft when there is one) without logging a decision. */
  evaluate: (key: string, facts: Record<string, unknown>) => api.post<Evaluation>(`/rulesets/${enc(key)}/evaluate`, { facts, draft: true }),
};

/** Whether a ruleset has the LEC shape (facts L, E, C and a computed riskValue), so the LEC editor can open it. */
export function isLecShaped(content: unknown): boolean {
  const c = content as { facts?: Record<string, unknown>; computed?: Record<string, unknown> } | undefined;
  return !!c?.facts && ['L', 'E', 'C'].every((f) => f in c.facts!) && !!c.computed && 'riskValue' in c.computed;
}
