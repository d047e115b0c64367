import { setTimeout as sleep } from 'node:timers/promises';
import type { AppDeps } from '../app/AppDeps';
import { loadAuthContext } from '../auth/loadAuthContext';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import type { AuthContext } from '../http/AuthContext';
import { resolveOrgRefs } from '../packs/applySeed';
import { demoTenantId } from '../packs/installBundledPacks';
import { RecordService } from '../records/RecordService';
import { materialiseCurrent, type CurrentMaterialised } from '../scheduler/materialiseCurrent';
import { schedulerOf } from '../scheduler/scheduler.module';
import { startForOrgs } from '../scheduler/startForOrgs';
import { SubmissionService } from '../submissions/SubmissionService';
import { submitTask } from '../submissions/submitTask';
import { DEMO_STORIES, type DemoContext, type DemoStory } from './demoStories';
import { storeDemoPhoto } from './storeDemoPhoto';

/** Schedules of the bundled pack whose current occurrence the demo materialises (the daily inspection of every enterprise). */
export const DEMO_CURRENT_SCHEDULES = ['safety.inspection.daily'];

/** What {@link seedDemoInstances} did. */
export interface DemoInstancesReport {
  /** Per schedule key: the occurrence made, or absent when it had occurrences already. */
  occurrences: Record<string, CurrentMaterialised | undefined>;
  /** Stories started now (a restart starts none). */
  started: string[];
  /** Stories whose instance was there already (left as it is). */
  existing: string[];
  /** Stories that did not reach their resting task (logged). */
  failed: string[];
}

type OrgRef = { id: string; path: string; tenantId: string };

/**
 * Brings the demo tenant to life after the bundled packs are installed: the
 * current occurrence of each {@link DEMO_CURRENT_SCHEDULES} schedule (one
 * pending inspection per enterprise, started by the scheduler's tick), and
 * each {@link DEMO_STORIES} process started under its business key
 * `demo:<story>:<org id>` and driven through its steps as the demo users —
 * real form submissions; the records/rules steps run by the workers — to the
 * task it rests at. Idempotent: a story whose business key exists is left
 * alone, a schedule with occurrences gets none, so a restart adds nothing.
 * SafeFlow's own engine only (a remote ENGINE_URL engine is skipped).
 */
export async function seedDemoInstances(deps: AppDeps, opts: { stories?: DemoStory[]; stepTimeoutMs?: number; signal?: AbortSignal } = {}): Promise<DemoInstancesReport> {
  const report: DemoInstancesReport = { occurrences: {}, started: [], existing: [], failed: [] };
  const tenantId = await demoTenantId(deps);
  if (!tenantId || deps.config.engineUrl) return report;
  const scheduler = schedulerOf(deps);
  await scheduler.syncDefinitions();
  for (const key of DEMO_CURRENT_SCHEDULES) {
    const [s] = await deps.db.query<{ id: string }>(`SELECT id FROM schedule WHERE tenant_id = ? AND sched_key = ?`, [tenantId, key]);
    if (s) report.occurrences[key] = await materialiseCurrent(deps, s.id, { orNow: true });
  }
  await scheduler.tick();

  const orgs = await resolveOrgRefs(deps.db, tenantId);
  const users = new Map<string, AuthContext>();
  const authOf = async (username: string): Promise<AuthContext> => {
    if (!users.has(username)) {
      const [u] = await deps.db.query<{ id: string }>(`SELECT id FROM user WHERE username = ?`, [username]);
      const auth = u ? await loadAuthContext(deps.db, u.id) : undefined;
      if (!auth) throw new Error(`demo user '${username}' is missing`);
      users.set(username, auth);
    }
    return users.get(username)!;
  };
  for (const story of opts.stories ?? DEMO_STORIES) {
    if (opts.signal?.aborted) break;
    const o = orgs.get(story.org);
    if (!o) continue;
    const org: OrgRef = { id: o.id, path: o.path, tenantId: o.tenant_id };
    const businessKey = `demo:${story.key}:${org.id}`;
    const [existing] = await deps.db.query<{ id: string }>(`SELECT id FROM hist_process_instance WHERE business_key = ?`, [businessKey]);
    if (existing) {
      report.existing.push(story.key);
      continue;
    }
    try {
      await runStory(deps, story, { tenantId, org, businessKey, authOf, stepTimeoutMs: opts.stepTimeoutMs ?? 60_000, signal: opts.signal });
      report.started.push(story.key);
    } catch (err) {
      report.failed.push(story.key);
      deps.logger.warn({ err, story: story.key }, 'demo process did not reach its resting task');
    }
  }
  deps.logger.info({ ...report, occurrences: Object.fromEntries(Object.entries(report.occurrences).map(([k, v]) => [k, v?.targets ?? 0])) }, 'demo processes seeded');
  return report;
}

async function runStory(
  deps: AppDeps,
  story: DemoStory,
  env: { tenantId: string; org: OrgRef; businessKey: string; authOf: (u: string) => Promise<AuthContext>; stepTimeoutMs: number; signal?: AbortSignal },
): Promise<void> {
  const starter = await env.authOf(story.starter);
  const ctx: DemoContext = { now: deps.clock.now(), photo: () => storeDemoPhoto(deps, starter, env.org, `${story.key}.png`) };
  const variables = story.variables(ctx);
  if (story.record) {
    const rec = await new RecordService(deps).create(starter, story.record.collection, { orgId: env.org.id, data: story.record.data(ctx) }, 'zh-CN');
    variables[story.record.variable] = rec.id;
  }
  const [started] = await startForOrgs(deps, { key: story.process, tenantId: env.tenantId, starts: [{ orgId: env.org.id, variables, businessKey: env.businessKey }], actor: starter });
  const pi = started!.processInstanceId;
  const gateway = engineGatewayOf(deps);
  const submissions = new SubmissionService(deps);
  const done = new Set<number>();
  const deadline = () => Date.now() + env.stepTimeoutMs;
  let until = deadline();
  for (;;) {
    const tasks = await gateway.listTasks({ processInstanceId: pi, firstResult: 0, maxResults: 50 });
    if (story.restsAt && tasks.some((t) => t.taskDefinitionKey === story.restsAt)) return;
    const i = story.steps.findIndex((s, n) => !done.has(n) && tasks.some((t) => t.taskDefinitionKey === s.task));
    if (i >= 0) {
      const step = story.steps[i]!;
      const task = tasks.find((t) => t.taskDefinitionKey === step.task)!;
      await submitTask(deps, submissions, await env.authOf(step.as), { taskId: task.id, values: await step.values(ctx), locale: 'zh-CN' });
      done.add(i);
      until = deadline();
      continue;
    }
    if (!story.restsAt && done.size === story.steps.length) {
      const [h] = await deps.db.query<{ end_time: unknown }>(`SELECT end_time FROM hist_process_instance WHERE id = ?`, [pi]);
      if (h && h.end_time !== null) return;
    }
    if (env.signal?.aborted) throw new Error(`story '${story.key}' stopped: the server is shutting down`);
    if (Date.now() > until) throw new Error(`story '${story.key}' is stuck (open tasks: ${tasks.map((t) => t.taskDefinitionKey).join(', ') || 'none'})`);
    await sleep(150);
  }
}
