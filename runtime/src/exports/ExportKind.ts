import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import type { OrgRef } from '../definitions/orgContext';
import type { AuthContext } from '../http/AuthContext';
import type { ExportLocale } from './pdf/Labeller';

/** Reports a job's progress: `done` of `total` steps, in `phase` (also extends the runner's claim). */
export type Progress = (done: number, total: number, phase: string) => Promise<void>;

/** What a kind's run gets: the requester (loaded afresh), the validated params, where to write. */
export interface ExportRunContext<P> {
  deps: AppDeps;
  auth: AuthContext;
  params: P;
  locale: ExportLocale;
  /** The job's time (the generated-at line of documents). */
  now: Date;
  progress: Progress;
  out: Writable;
}

/** A kind of export: its params, the org a job covers (checked when asked) and how it is made. */
export interface ExportKind<P = unknown> {
  kind: string;
  params: z.ZodType<P>;
  /** The org the export covers, in the requester's scope (404 / 400 otherwise); checked before the job is queued. */
  target(deps: AppDeps, auth: AuthContext, params: P): Promise<OrgRef>;
  /** Writes the file to `out` and says its name and type. */
  run(ctx: ExportRunContext<P>): Promise<{ name: string; mime: string }>;
}
