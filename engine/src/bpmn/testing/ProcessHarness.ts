import { expect } from 'vitest';
import type { Effect, HistoryEvent, InstanceState, ProcessExecutor, StartOptions, StepResult, VariableMap } from '../ports';
import { parseBpmn } from '../parse/parseBpmn';
import { nextTimerDate } from '../timers';
import { fromTypedValue, toTypedValue } from '../variables';
import { fakeContext, type FakeContext } from './fakeContext';

type Of<T extends Effect['type']> = Extract<Effect, { type: T }>;

/** Typed variables from plain values. */
export function vars(values: Record<string, unknown>): VariableMap {
  const out: VariableMap = {};
  for (const [k, v] of Object.entries(values)) out[k] = toTypedValue(v);
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A tiny stand-in for the runtime, for scenario tests: applies effects to
 * in-memory artefact tables, and on every call round-trips the state through
 * JSON, deep-freezes the input and checks it was not changed — so every
 * scenario also proves JSON survival and input immutability.
 */
export class ProcessHarness {
  readonly ctx: FakeContext;
  state!: InstanceState;
  readonly history: HistoryEvent[] = [];
  readonly effects: Effect[] = [];
  lastEffects: Effect[] = [];
  readonly externalTasks = new Map<string, Of<'externalTask.create'>>();
  readonly userTasks = new Map<string, Of<'userTask.create'>>();
  readonly jobs = new Map<string, Of<'job.create'>>();
  readonly subscriptions = new Map<string, Of<'subscription.create'>>();
  readonly calls = new Map<string, Of<'callActivity.start'>>();
  ended?: Of<'instance.end'>;

  constructor(
    readonly executor: ProcessExecutor,
    ctx?: FakeContext,
  ) {
    this.ctx = ctx ?? fakeContext();
  }

  static async of(xml: string, processKey?: string): Promise<ProcessHarness> {
    const { processes } = await parseBpmn(xml);
    const p = processKey ? processes.find((x) => x.info.key === processKey) : processes[0];
    if (!p) throw new Error(`no process ${processKey}`);
    return new ProcessHarness(p.executor);
  }

  start(variables: Record<string, unknown> = {}, opts: Partial<StartOptions> = {}): this {
    const r = this.executor.start({ processInstanceId: 'pi', processDefinitionId: 'def:1', variables: vars(variables), ...opts }, this.ctx);
    this.absorb(r);
    return this;
  }

  /** Runs one executor call on a JSON round-tripped, frozen copy of the state and checks it stayed untouched. */
  call(fn: (state: InstanceState) => StepResult): StepResult {
    const input = deepFreeze(JSON.parse(JSON.stringify(this.state)) as InstanceState);
    const before = JSON.stringify(input);
    const r = fn(input);
    expect(JSON.stringify(input)).toBe(before);
    this.absorb(r);
    return r;
  }

  private absorb(r: StepResult): void {
    for (const e of r.state.executions) expect(['scope', 'waiting', 'joined'], `execution ${e.id} at ${e.activityId}`).toContain(e.status);
    this.state = JSON.parse(JSON.stringify(r.state)) as InstanceState;
    this.history.push(...r.history);
    this.effects.push(...r.effects);
    this.lastEffects = r.effects;
    for (const e of r.effects) this.apply(e);
  }

  /** Each create effect must name an owner no live artefact of its kind already has (the runtime upserts by it). */
  private expectFreshKey(table: Map<string, unknown>, key: string, e: Effect): void {
    expect(table.has(key), `${e.type} reuses the idempotency key ${key}`).toBe(false);
  }

  private apply(e: Effect): void {
    if (e.type.endsWith('.create') || e.type === 'callActivity.start') expect(typeof (e as { executionId?: unknown }).executionId).toBe('string');
    switch (e.type) {
      case 'externalTask.create':
        this.expectFreshKey(this.externalTasks, e.executionId, e);
        this.externalTasks.set(e.executionId, e);
        break;
      case 'externalTask.delete':
        this.externalTasks.delete(e.executionId);
        break;
      case 'userTask.create':
        this.expectFreshKey(this.userTasks, e.executionId, e);
        this.userTasks.set(e.executionId, e);
        break;
      case 'userTask.delete':
        this.userTasks.delete(e.executionId);
        break;
      case 'job.create':
        this.expectFreshKey(this.jobs, `${e.executionId}|${e.activityId}|${e.kind}`, e);
        this.jobs.set(`${e.executionId}|${e.activityId}|${e.kind}`, e);
        break;
      case 'job.delete':
        for (const [k, j] of this.jobs) if (j.executionId === e.executionId && (e.activityId === undefined || j.activityId === e.activityId)) this.jobs.delete(k);
        break;
      case 'subscription.create':
        this.expectFreshKey(this.subscriptions, e.executionId, e);
        this.subscriptions.set(e.executionId, e);
        break;
      case 'subscription.delete':
        this.subscriptions.delete(e.executionId);
        break;
      case 'callActivity.start':
        this.expectFreshKey(this.calls, e.executionId, e);
        this.calls.set(e.executionId, e);
        break;
      case 'callActivity.cancel':
        this.calls.delete(e.executionId);
        break;
      case 'instance.end':
        this.ended = e;
        break;
      default:
        break;
    }
  }

  private only<T extends { activityId: string }>(table: Map<string, T>, activityId: string, what: string): T {
    const found = [...table.values()].filter((x) => x.activityId === activityId);
    if (found.length !== 1) throw new Error(`expected one ${what} at ${activityId}, found ${found.length}`);
    return found[0];
  }

  externalTask(activityId: string): Of<'externalTask.create'> {
    return this.only(this.externalTasks, activityId, 'external task');
  }

  userTask(activityId: string): Of<'userTask.create'> {
    return this.only(this.userTasks, activityId, 'user task');
  }

  job(activityId: string, kind: Of<'job.create'>['kind'] = 'timer'): Of<'job.create'> {
    const found = [...this.jobs.values()].filter((j) => j.activityId === activityId && j.kind === kind);
    if (found.length !== 1) throw new Error(`expected one ${kind} job at ${activityId}, found ${found.length}`);
    return found[0];
  }

  subscription(activityId: string): Of<'subscription.create'> {
    return this.only(this.subscriptions, activityId, 'subscription');
  }

  completeExternalTask(activityId: string, variables: Record<string, unknown> = {}, local: Record<string, unknown> = {}): StepResult {
    const t = this.externalTask(activityId);
    return this.call((s) => this.executor.completeExternalTask(s, t.executionId, vars(variables), vars(local), this.ctx));
  }

  throwBpmnError(activityId: string, code: string, message?: string, variables: Record<string, unknown> = {}): StepResult {
    const t = this.externalTask(activityId);
    return this.call((s) => this.executor.throwBpmnError(s, t.executionId, code, message, vars(variables), this.ctx));
  }

  completeUserTask(activityId: string, variables: Record<string, unknown> = {}): StepResult {
    const t = this.userTask(activityId);
    return this.call((s) => this.executor.completeUserTask(s, t.executionId, vars(variables), this.ctx));
  }

  /** Fires a job like the runtime: clock to its due date, execute, then delete or reschedule it. */
  runJob(activityId: string, kind: Of<'job.create'>['kind'] = 'timer'): StepResult {
    const job = this.job(activityId, kind);
    const key = `${job.executionId}|${job.activityId}|${job.kind}`;
    if (new Date(job.dueDate).getTime() > this.ctx.now().getTime()) this.ctx.set(job.dueDate);
    const r = this.call((s) => this.executor.executeJob(s, { executionId: job.executionId, activityId: job.activityId, kind: job.kind }, this.ctx));
    const stillThere = this.jobs.get(key);
    if (stillThere === job) {
      const next = job.timer?.kind === 'timeCycle' ? nextTimerDate(job.timer, new Date(job.dueDate)) : null;
      if (next) this.jobs.set(key, { ...job, dueDate: next.dueDate.toISOString(), timer: { ...job.timer!, repeatsLeft: next.repeatsLeft } });
      else this.jobs.delete(key);
    }
    return r;
  }

  /** Delivers a message/signal like the runtime: the correlated subscription row is consumed first (a non-interrupting event re-creates it). */
  deliver(activityId: string, variables: Record<string, unknown> = {}): StepResult {
    const sub = this.subscription(activityId);
    this.subscriptions.delete(sub.executionId);
    return this.call((s) => this.executor.deliverEvent(s, sub.executionId, vars(variables), this.ctx));
  }

  completeCall(activityId: string, output: Record<string, unknown> = {}): StepResult {
    const c = this.only(this.calls, activityId, 'call');
    const r = this.call((s) => this.executor.completeCallActivity(s, c.executionId, vars(output), this.ctx));
    this.calls.delete(c.executionId);
    return r;
  }

  /** A BPMN error escaped the child of the call activity at `activityId` (the runtime's `catchCalledError`). */
  catchCalledError(activityId: string, code: string, message?: string, output: Record<string, unknown> = {}): StepResult {
    const c = this.only(this.calls, activityId, 'call');
    const r = this.call((s) => this.executor.catchCalledError(s, c.executionId, code, message, vars(output), this.ctx));
    this.calls.delete(c.executionId);
    return r;
  }

  cancel(): StepResult {
    return this.call((s) => this.executor.cancel(s, 'test', this.ctx));
  }

  /** Plain value of a process variable. */
  variable(name: string): unknown {
    return fromTypedValue(this.state.variables[name]);
  }

  /** Activity ids in the order their instances started. */
  started(): string[] {
    return this.history.flatMap((h) => (h.type === 'activity.start' ? [h.activityId] : []));
  }

  /** Activity ids of every open wait artefact, sorted. */
  waitingAt(): string[] {
    return [
      ...[...this.externalTasks.values()].map((x) => x.activityId),
      ...[...this.userTasks.values()].map((x) => x.activityId),
      ...[...this.subscriptions.values()].map((x) => x.activityId),
      ...[...this.jobs.values()].map((x) => `${x.activityId}(${x.kind})`),
      ...[...this.calls.values()].map((x) => x.activityId),
    ].sort();
  }

  /** Every activity.start has exactly one activity.end, and nothing is left open once the instance ended. */
  expectBalancedHistory(): void {
    const open = new Map<string, string>();
    for (const h of this.history) {
      if (h.type === 'activity.start') {
        expect(open.has(h.activityInstanceId), `started twice: ${h.activityInstanceId}`).toBe(false);
        open.set(h.activityInstanceId, h.activityId);
      }
      if (h.type === 'activity.end') {
        expect(open.has(h.activityInstanceId), `ended without start: ${h.activityInstanceId}`).toBe(true);
        open.delete(h.activityInstanceId);
      }
    }
    if (this.state.ended) expect([...open.values()]).toEqual([]);
  }
}
