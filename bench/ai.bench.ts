/**
 * `npm run bench -- ai`: the ai-detect pipeline on a yolov8n-sized random-weight model
 * built here (plugins/ai-detect/src/testModels). A 1280×720 JPEG goes through the worker
 * pool (EXIF orient, letterbox, CHW, onnxruntime, decode, NMS, un-letterbox).
 *
 * Headline figures are sustained, as a patrol or a worker fetching several tasks runs: the
 * pool as the runtime sizes it (`defaultWorkers`: 2 workers × 1 onnxruntime thread on 2
 * cores) with one frame in flight per worker. fps640 / fps320 = frames done / wall time;
 * overheadRatio = that wall time per frame / the wall time per bare `session.run` of the
 * same pool with the same frames in flight (constant tensor, no image work), measured in
 * alternating rounds so both see the same machine load; maxEventLoopLagMs = the main
 * thread's worst event-loop delay during the sustained 640 run.
 *
 * `detail.latency640` / `latency320` are one call at a time on one worker with two
 * onnxruntime threads (the lowest latency for a single photo), with their own ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import sharp from 'sharp';
import { DetectorPool, buildYolov8nSizedModel, paintFrame } from '@safeflow/plugin-ai-detect';
import type { RawFrame } from '@safeflow/plugin-ai-detect';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const r1 = (v: number) => Math.round(v * 10) / 10;
const ratio = (x: { pipelineMs: number; bareRunMs: number }) => Math.round((x.pipelineMs / x.bareRunMs) * 100) / 100;

/** Where each call's time went, as the worker reports it. */
type Parts = Record<'preprocessMs' | 'runMs' | 'postprocessMs', number[]>;
const newParts = (): Parts => ({ preprocessMs: [], runMs: [], postprocessMs: [] });
const partsDetail = (p: Parts) => ({ preprocessMs: r1(mean(p.preprocessMs)), runInPipelineMs: r1(mean(p.runMs)), postprocessMs: r1(mean(p.postprocessMs)) });

/** Runs the suite; `runs` calls per size (default 30 at 640, 60 at 320). */
export async function benchAi(opts: { runs640?: number; runs320?: number } = {}): Promise<Record<string, unknown>> {
  const runs640 = opts.runs640 ?? 30;
  const runs320 = opts.runs320 ?? 60;
  const frame = paintFrame(1280, 720, [{ colour: 'red', box: { x1: 300, y1: 200, x2: 420, y2: 440 } }]);
  for (let i = 0; i < frame.length; i += 3) frame[i + 1] = (i / 3) % 256; // a gradient so the JPEG is not trivial
  const jpeg = new Uint8Array(await sharp(frame, { raw: { width: 1280, height: 720, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
  const t0 = performance.now();
  const m640 = buildYolov8nSizedModel({ size: 640 });
  const m320 = buildYolov8nSizedModel({ size: 320 });
  const buildMs = performance.now() - t0;

  // models are registered by path, as the runtime does (the worker reads the file)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-ai-bench-'));
  fs.writeFileSync(path.join(dir, 'n640.onnx'), m640.bytes);
  fs.writeFileSync(path.join(dir, 'n320.onnx'), m320.bytes);
  const pool = new DetectorPool();
  const single = new DetectorPool({ workers: 1, intraOpNumThreads: 2 });
  for (const p of [pool, single]) {
    p.register('n640', path.join(dir, 'n640.onnx'));
    p.register('n320', path.join(dir, 'n320.onnx'));
  }
  const inFlight = pool.workerCount;
  try {
    /** `n` frames through `p` with `k` in flight; ms per frame. */
    const stream = async (p: DetectorPool, key: string, input: Uint8Array | RawFrame, n: number, k: number, parts?: Parts) => {
      let started = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: k }, async () => {
          while (started < n) {
            started++;
            const r = await p.detect(key, input);
            parts?.preprocessMs.push(r.timings.preprocessMs);
            parts?.runMs.push(r.timings.runMs);
            parts?.postprocessMs.push(r.timings.postprocessMs);
          }
        }),
      );
      return (performance.now() - t) / n;
    };
    /** `n` bare runs per worker, all workers at once; ms per run. */
    const bareStream = async (p: DetectorPool, key: string, n: number, k: number) => {
      const t = performance.now();
      await Promise.all(Array.from({ length: k }, () => p.benchRun(key, n)));
      return (performance.now() - t) / (n * k);
    };
    const sustained = async (key: string, frames: number, lag?: IntervalHistogram, input: Uint8Array | RawFrame = jpeg) => {
      await stream(pool, key, input, 2 * inFlight, inFlight); // every worker has its session and is warm
      await bareStream(pool, key, 2, inFlight);
      const rounds = 5;
      const per = Math.max(inFlight, Math.round(frames / rounds));
      const pipe: number[] = [];
      const bare: number[] = [];
      const parts = newParts();
      // the monitor stays on over both kinds of round (re-enabling it would count the pause as lag)
      lag?.enable();
      for (let r = 0; r < rounds; r++) {
        pipe.push(await stream(pool, key, input, per, inFlight, parts));
        bare.push(await bareStream(pool, key, Math.max(1, Math.round(per / inFlight)), inFlight));
      }
      lag?.disable();
      const pipelineMs = mean(pipe);
      const bareRunMs = mean(bare);
      return {
        pipelineMs,
        bareRunMs,
        detail: { msPerFrame: r1(pipelineMs), bareMsPerRun: r1(bareRunMs), frames: per * rounds, inFlight, ...partsDetail(parts) },
      };
    };
    const latency = async (key: string, runs: number) => {
      for (let i = 0; i < 3; i++) await single.detect(key, jpeg);
      const wall: number[] = [];
      const bare: number[] = [];
      const parts = newParts();
      for (let i = 0; i < runs; i++) {
        wall.push(await stream(single, key, jpeg, 1, 1, parts));
        bare.push(...(await single.benchRun(key, 1)).runMs); // right after, under the same load
      }
      const at = { pipelineMs: mean(wall), bareRunMs: mean(bare) };
      return { pipelineMs: r1(at.pipelineMs), bareRunMs: r1(at.bareRunMs), overheadRatio: ratio(at), ...partsDetail(parts), pool: { workers: single.workerCount, intraOpNumThreads: single.intraOpNumThreads }, fps: r1(1000 / at.pipelineMs) };
    };
    // the same monitor on an idle main thread for as long: what the machine's load alone costs
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 3000));
    idle.disable();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    const at640 = await sustained('n640', runs640 * 2, lag);
    const at320 = await sustained('n320', runs320 * 2);
    // the camera path without an encoded image: the decoded RGB frame as ffmpeg's rawvideo delivers it
    const atRaw = await sustained('n640', runs640, undefined, { data: frame, width: 1280, height: 720, channels: 3 });
    const latency640 = await latency('n640', runs640);
    const latency320 = await latency('n320', runs320);
    return {
      fps640: r1(1000 / at640.pipelineMs),
      fps320: r1(1000 / at320.pipelineMs),
      overheadRatio: ratio(at640),
      maxEventLoopLagMs: r1(lag.max / 1e6),
      detail: {
        model: { parameters: m640.stats.parameters, gflops640: r1(m640.stats.flops / 1e9), gflops320: r1(m320.stats.flops / 1e9), bytes: m640.bytes.length, buildMs: Math.round(buildMs) },
        pool: { workers: pool.workerCount, intraOpNumThreads: pool.intraOpNumThreads, sharpConcurrency: 1, inFlight },
        at640: at640.detail,
        at320: { ...at320.detail, overheadRatio: ratio(at320) },
        rawFrame640: { ...atRaw.detail, overheadRatio: ratio(atRaw), input: '1280x720 RGB (rawvideo)' },
        latency640,
        latency320,
        eventLoopLagP99Ms: r1(lag.percentile(99) / 1e6),
        idleEventLoopLagMaxMs: r1(idle.max / 1e6),
        idleEventLoopLagP99Ms: r1(idle.percentile(99) / 1e6),
        loadAverage: os.loadavg().map(r1),
        input: '1280x720 JPEG',
      },
    };
  } finally {
    await Promise.all([pool.close(), single.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
