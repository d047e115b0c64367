import { Client, Variables, type HandlerArgs, type Interceptor, type Task } from 'camunda-external-task-client-js';
import { BpmnError } from './BpmnError';
import { defaultRetryPolicy, nextRetry, type RetryPolicy } from './retryBackoff';

/** Credentials for `/engine-rest`: a SafeFlow user or worker credential (Basic), or a bearer token. */
export type WorkerAuth = { username: string; password: string } | { bearer: string | (() => string) };

export interface WorkerOptions {
  /** Base URL of a Camunda 7 REST API, e.g. `http://localhost:3000/engine-rest`. */
  baseUrl: string;
  /** Unique id of this worker; the client's default `some-random-id` is refused. */
  workerId: string;
  auth?: WorkerAuth;
  maxTasks?: number;
  maxParallelExecutions?: number;
  /** Long-polling timeout in ms (default 30 s). */
  asyncResponseTimeout?: number;
  /** Default lock duration in ms (default 60 s). */
  lockDuration?: number;
  /** Poll interval after an empty answer (default 300 ms; long polling makes it rarely matter). */
  interval?: number;
  retry?: Partial<RetryPolicy>;
  /** Where handler failures are reported (default: nowhere). */
  onError?: (topic: string, taskId: string | undefined, error: unknown) => void;
  /** Where failed polls are reported (engine unreachable, 401, ...; default: nowhere). */
  onPollError?: (error: unknown) => void;
}

/** What a handler receives: the task, its variables as plain values, and lock control. */
export interface TaskContext<V extends Record<string, unknown>> {
  task: Readonly<Omit<Task, 'variables'>> & { id: string; topicName: string; createTime?: string; extensionProperties?: Record<string, string> };
  variables: V;
  /** Typed access to the raw variables (`getTyped`). */
  raw: Variables;
  extendLock(ms: number): Promise<void>;
}

/**
 * A handler: resolves with the variables to set on completion (plain values,
 * typed by the client: string → String, integer → Integer, object → Json ...),
 * or nothing; throws {@link BpmnError} for business errors, anything else for
 * technical failures (reported with retries and exponential backoff).
 */
export type TaskHandler<V extends Record<string, unknown>, R extends Record<string, unknown> | void> = (
  ctx: TaskContext<V>,
) => Promise<R>;

export interface SubscribeOptions {
  lockDuration?: number;
  /** Variables to fetch (default all). */
  variables?: string[];
  processDefinitionKey?: string;
  tenantIdIn?: string[];
  /** Fetch the activity's `camunda:properties` as `task.extensionProperties`. */
  includeExtensionProperties?: boolean;
}

/** A running worker; `stop()` ends polling (in-flight handlers finish). */
export interface Worker {
  subscribe<V extends Record<string, unknown>, R extends Record<string, unknown> | void>(
    topic: string,
    handler: TaskHandler<V, R>,
    options?: SubscribeOptions,
  ): void;
  start(): void;
  stop(): void;
  /** The underlying camunda-external-task-client-js client. */
  readonly client: Client;
}

/**
 * SafeFlow's thin typed layer over `camunda-external-task-client-js`: typed
 * variables in and out, automatic `handleFailure` with retries and backoff
 * when a handler throws, `BpmnError` for business errors. Works unchanged
 * against SafeFlow's `/engine-rest` and against Operaton / Camunda 7.
 */
export function createWorker(opts: WorkerOptions): Worker {
  if (!opts.workerId || opts.workerId === 'some-random-id') {
    throw new Error('createWorker: give every worker its own workerId (the client default "some-random-id" is refused)');
  }
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...opts.retry };
  const interceptors = workerInterceptors(opts.auth);
  const client = new Client({
    baseUrl: opts.baseUrl,
    workerId: opts.workerId,
    maxTasks: opts.maxTasks ?? 10,
    maxParallelExecutions: opts.maxParallelExecutions,
    asyncResponseTimeout: opts.asyncResponseTimeout ?? 30_000,
    lockDuration: opts.lockDuration ?? 60_000,
    interval: opts.interval ?? 300,
    autoPoll: false,
    interceptors,
  });
  if (opts.onPollError) client.on('poll:error', opts.onPollError);

  return {
    client,
    subscribe(topic, handler, options = {}) {
      // only the options given: the client spreads them over its defaults, so `lockDuration: undefined` would erase the default lock duration
      const given = Object.fromEntries(
        Object.entries({
          lockDuration: options.lockDuration,
          variables: options.variables,
          processDefinitionKey: options.processDefinitionKey,
          tenantIdIn: options.tenantIdIn,
          includeExtensionProperties: options.includeExtensionProperties,
        }).filter(([, v]) => v !== undefined),
      );
      client.subscribe(topic, given, async ({ task, taskService }: HandlerArgs) => {
        const ctx = {
          task: task as TaskContext<never>['task'],
          variables: task.variables.getAll(),
          raw: task.variables,
          extendLock: (ms: number) => taskService.extendLock(task, ms),
        };
        let result: Record<string, unknown> | void;
        try {
          result = await handler(ctx as TaskContext<never>);
        } catch (err) {
          opts.onError?.(topic, task.id, err);
          if (err instanceof BpmnError) {
            const vars = err.variables ? new Variables().setAll(err.variables) : undefined;
            await taskService.handleBpmnError(task, err.errorCode, err.message, vars).catch((e) => opts.onError?.(topic, task.id, e));
            return;
          }
          const { retries, retryTimeout } = nextRetry(task.retries, policy);
          const e = err as Error & { code?: unknown };
          const message = e?.message ?? String(err);
          await taskService
            .handleFailure(task, {
              // stable error codes (SafeFlowError) lead the message, so incidents say what failed
              errorMessage: (typeof e?.code === 'string' ? `${e.code}: ${message}` : message).slice(0, 666),
              errorDetails: e?.stack ?? String(err),
              retries,
              retryTimeout,
            })
            .catch((e2) => opts.onError?.(topic, task.id, e2));
          return;
        }
        const out = result ? new Variables().setAll(result) : undefined;
        await taskService.complete(task, out).catch((e) => opts.onError?.(topic, task.id, e));
      });
    },
    start: () => client.start(),
    stop: () => client.stop(),
  };
}

/** camunda-external-task-client-js interceptors that authenticate with `auth` (Basic or Bearer); none without it. */
export function workerInterceptors(auth: WorkerAuth | undefined): Interceptor[] {
  if (!auth) return [];
  const header = () =>
    'bearer' in auth
      ? `Bearer ${typeof auth.bearer === 'function' ? auth.bearer() : auth.bearer}`
      : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return [
    (<T>(config: T & { headers?: Record<string, string> }): T => ({ ...config, headers: { ...config.headers, Authorization: header() } })) as Interceptor,
  ];
}
