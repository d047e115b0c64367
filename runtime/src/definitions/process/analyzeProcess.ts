import { parseProcessModels, type ProcessModel } from '@safeflow/engine/bpmn';
import { SafeFlowError } from '@safeflow/engine/errors';
import { parseTaskFormKey } from '../../submissions/taskSubmit.route';
import { DefinitionStore, type DefinitionKind } from '../DefinitionStore';
import type { PathIssue } from '../engineAdapters';
import type { Queryable } from '../orgContext';
import { parseRulesetRef } from '../evaluateStoredRuleset';
import { builtinKnownTopics, type KnownTopics } from './KnownTopics';
import { ProcessContent, type DanglingReference, type ProcessReference } from './ProcessContent';

/** Where a process is analysed: its key, owner org and tenant. */
export interface ProcessTarget {
  key: string;
  orgPath: string;
  tenantId: string;
  knownTopics?: KnownTopics;
}

/** What {@link analyzeProcess} found. `issues` are structural (parse, key, malformed references); `dangling` are references that do not resolve. */
export interface ProcessAnalysis {
  content?: ProcessContent;
  issues: PathIssue[];
  references: ProcessReference[];
  dangling: DanglingReference[];
}

/** The property that marks an external task as served by a worker outside SafeFlow. */
export const EXTERNAL_PROPERTY = 'safeflow.external';

/**
 * Lints a process definition's BPMN against SafeFlow: it parses with the
 * engine's own parser (every parse error, with its element id); exactly one
 * executable process whose id is the definition key; then every reference,
 * resolved for the owning org as the runtime will resolve it —
 * user-task and start-event `camunda:formKey="safeflow:forms/<key>@<version|latest>"`
 * (a published form; `@latest` records the version it resolves to),
 * `rules` tasks' `ruleset` property (a published ruleset), `records` tasks'
 * `collection` property (a published collection), and every external task's
 * topic (served by a known task type, or marked `safeflow.external`).
 * Nothing is written.
 */
export async function analyzeProcess(
  db: Queryable,
  target: ProcessTarget,
  raw: unknown,
): Promise<ProcessAnalysis> {
  const parsed = ProcessContent.safeParse(raw);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        code: i.code,
        message: i.message,
      })),
      references: [],
      dangling: [],
    };
  }
  const content = parsed.data;
  let models: ProcessModel[];
  try {
    models = (await parseProcessModels(content.xml)).models;
  } catch (err) {
    if (!(err instanceof SafeFlowError) || err.code !== 'bpmn.parse') throw err;
    const errors = (
      err.details as { errors?: Array<{ message: string; elementId?: string; line?: number }> } | undefined
    )?.errors ?? [{ message: err.message }];
    return {
      content,
      issues: errors.map((e) => ({
        path: e.elementId ?? '',
        code: 'bpmn.parse',
        message: e.line ? `${e.message} (line ${e.line})` : e.message,
      })),
      references: [],
      dangling: [],
    };
  }
  const issues: PathIssue[] = [];
  if (models.length !== 1) {
    issues.push({
      path: '',
      code: 'process.one_executable',
      message: `A process definition holds exactly one executable process (found ${models.length})`,
    });
  }
  const main = models.find((m) => m.id === target.key);
  if (!main) {
    issues.push({
      path: models[0]?.id ?? '',
      code: 'process.key_mismatch',
      message: `The executable process id must be the definition key '${target.key}'`,
    });
  }

  const refs: ProcessReference[] = [];
  const topics = await (target.knownTopics ?? builtinKnownTopics).topics(target.tenantId);
  const dangling: DanglingReference[] = [];
  const topicRefs: ProcessReference[] = [];
  for (const model of models) {
    for (const a of model.activities.values()) {
      const formKey = a.userTask?.formKey ?? a.formKey;
      // a form key with `${}` (e.g. the checklist a schedule picks) is resolved when the task is created and checked at submission
      if (formKey?.startsWith('safeflow:forms/') && !a.userTask?.formKeyExpression) {
        const ref = parseTaskFormKey(formKey);
        if (!ref)
          issues.push({
            path: a.id,
            code: 'process.bad_form_key',
            message: `'${formKey}' is not safeflow:forms/<key>@<version|latest>`,
          });
        else refs.push({ kind: 'form', key: ref.key, element: a.id, version: ref.version });
      }
      if (!a.external) continue;
      const topic = a.external.topic;
      if (topic.dynamic) {
        issues.push({
          path: a.id,
          code: 'process.dynamic_topic',
          message: `The topic '${topic.source}' must be a fixed name so its task type can be checked`,
        });
        continue;
      }
      const props = a.external.properties;
      const external = props[EXTERNAL_PROPERTY] === 'true';
      if (!external && !topics.has(topic.source)) {
        dangling.push({
          kind: 'topic',
          key: topic.source,
          element: a.id,
          reason: 'unknown_topic',
          message: `No task type serves topic '${topic.source}'`,
        });
      } else {
        topicRefs.push({ kind: 'topic', key: topic.source, element: a.id });
      }
      if (external) continue;
      if (topic.source === 'rules') {
        try {
          const r = parseRulesetRef(props.ruleset);
          refs.push({ kind: 'ruleset', key: r.key, element: a.id, version: r.version });
        } catch {
          issues.push({
            path: a.id,
            code: 'process.ruleset_missing',
            message: `A rules task names its ruleset: property 'ruleset' = <key>[@version] (got '${props.ruleset ?? ''}')`,
          });
        }
      } else if (topic.source === 'records') {
        if (!props.collection)
          issues.push({
            path: a.id,
            code: 'process.collection_missing',
            message: "A records task names its collection: property 'collection'",
          });
        else refs.push({ kind: 'collection', key: props.collection, element: a.id });
      }
    }
  }
  const resolved: ProcessReference[] = [];
  for (const r of refs) {
    const out = await resolveReference(db, r.kind as DefinitionKind, r, target.orgPath);
    if ('reason' in out) dangling.push(out);
    else resolved.push(out);
  }
  return { content, issues, references: [...resolved, ...topicRefs], dangling };
}

async function resolveReference(
  db: Queryable,
  kind: DefinitionKind,
  r: ProcessReference,
  orgPath: string,
): Promise<ProcessReference | DanglingReference> {
  const def = await DefinitionStore.nearest(db, kind, r.key, orgPath);
  if (!def) return { ...r, reason: 'not_found', message: `${kind} '${r.key}' does not exist here` };
  if (r.version !== undefined) {
    const v = await DefinitionStore.version(db, def.id, r.version);
    if (!v)
      return { ...r, reason: 'version_not_found', message: `${kind} '${r.key}' has no version ${r.version}` };
    if (v.status !== 'published')
      return {
        ...r,
        reason: 'not_published',
        message: `${kind} '${r.key}' version ${r.version} is ${v.status}`,
      };
    return r;
  }
  if (def.publishedVersion == null)
    return { ...r, reason: 'not_published', message: `${kind} '${r.key}' has no published version` };
  return kind === 'collection' ? r : { ...r, version: def.publishedVersion };
}

/** 400 `process.dangling_reference`: `details.references` lists each one (`{kind, key, element, reason, message}`), `details.issues` the same by element. */
export function danglingReferences(dangling: DanglingReference[]): SafeFlowError {
  return new SafeFlowError(
    'process.dangling_reference',
    `The process refers to what does not exist: ${dangling
      .slice(0, 3)
      .map((d) => `${d.element}: ${d.message}`)
      .join('; ')}`,
    {
      status: 400,
      details: {
        references: dangling,
        issues: dangling.map((d) => ({
          path: d.element,
          code: `process.unknown_${d.kind}`,
          message: d.message,
        })),
      },
    },
  );
}

/** `camunda:formKey="safeflow:forms/<key>@latest"` → `@<version>` for every form reference resolved at publish. */
export function pinFormKeys(xml: string, references: ProcessReference[]): string {
  const pins = new Map(
    references.filter((r) => r.kind === 'form' && r.version !== undefined).map((r) => [r.key, r.version!]),
  );
  return xml.replace(
    /(\bformKey\s*=\s*)(["'])safeflow:forms\/([A-Za-z][A-Za-z0-9_.-]{0,127})@latest\2/g,
    (all, attr: string, q: string, key: string) => {
      const v = pins.get(key);
      return v === undefined ? all : `${attr}${q}safeflow:forms/${key}@${v}${q}`;
    },
  );
}
