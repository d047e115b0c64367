import type { DetectOptions, DetectResult, SessionOptions } from './DetectorSession';
import type { ImageInput } from '../image/preprocess';
import type { OutputLayout } from '../decode/Detection';

/** Main thread → worker. */
export type WorkerRequest =
  | { kind: 'load'; id: number; modelKey: string; model: Uint8Array | string; session: SessionOptions }
  | { kind: 'unload'; id: number; modelKey: string }
  | { kind: 'detect'; id: number; modelKey: string; image: ImageInput; options: DetectOptions }
  | { kind: 'bench'; id: number; modelKey: string; runs: number };

/** Worker → main thread. */
export type WorkerReply =
  | { id: number; ok: true; result?: DetectResult | LoadInfo | BenchInfo }
  | { id: number; ok: false; error: { code: string; message: string; details: Record<string, unknown> } };

/** What a worker reports after loading a model. */
export interface LoadInfo {
  inputSize: number;
  layout: OutputLayout;
  inputName: string;
  outputName: string;
}

/** Bare `session.run` timings measured inside a worker (no image work). */
export interface BenchInfo {
  runMs: number[];
}
