/**
 * A detector worker thread: keeps one {@link DetectorSession} per model key (created
 * once, on `load`), runs one request at a time, and answers on the parent port.
 * sharp runs single-threaded here so that image work and onnxruntime's intra-op
 * threads share the cores as configured.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { SafeFlowAiError } from '../errors';
import { DetectorSession } from './DetectorSession';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

sharp.concurrency(1);
sharp.cache(false);

const sessions = new Map<string, DetectorSession>();
const port = parentPort!;
let chain: Promise<void> = Promise.resolve();

port.on('message', (req: WorkerRequest) => {
  chain = chain.then(() => handle(req)).catch(() => undefined);
});

async function handle(req: WorkerRequest): Promise<void> {
  let reply: WorkerReply;
  try {
    reply = { id: req.id, ok: true, result: await dispatch(req) };
  } catch (err) {
    const e = err instanceof SafeFlowAiError ? err : new SafeFlowAiError('detect.failed', (err as Error).message ?? String(err));
    reply = { id: req.id, ok: false, error: { code: e.code, message: e.message, details: e.details } };
  }
  port.postMessage(reply);
}

async function dispatch(req: WorkerRequest) {
  if (req.kind === 'load') {
    await sessions.get(req.modelKey)?.release();
    const s = await DetectorSession.create(req.model, req.session);
    sessions.set(req.modelKey, s);
    return { inputSize: s.inputSize, layout: s.layout, inputName: s.inputName, outputName: s.outputName };
  }
  if (req.kind === 'unload') {
    await sessions.get(req.modelKey)?.release();
    sessions.delete(req.modelKey);
    return undefined;
  }
  const s = sessions.get(req.modelKey);
  if (!s) throw new SafeFlowAiError('detect.model_not_loaded', `Model ${req.modelKey} is not loaded in this worker`);
  if (req.kind === 'bench') {
    const tensor = new Float32Array(3 * s.inputSize * s.inputSize).fill(0.5);
    const runMs: number[] = [];
    for (let i = 0; i < req.runs; i++) {
      const t = performance.now();
      await s.runTensor(tensor);
      runMs.push(performance.now() - t);
    }
    return { runMs };
  }
  return s.detect(req.image, req.options);
}
