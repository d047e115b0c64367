/**
 * `npm run bench -- ai`: the ai-detect pipeline on a yolov8n-sized random-weight model
 * built here (plugins/ai-detect/src/testModels). A 1280×720 JPEG goes through the worker
 * pool (EXIF orient, letterbox, CHW, onnxruntime, decode, NMS, un-letterbox) one call at
 * a time: fps640 / fps320 = 1000 / mean call time; overheadRatio = mean pipeline time /
 * mean bare `session.run` time (same worker, constant tensor, one bare run after each
 * pipeline call so both see the same load); maxEventLoopLagMs = the
 * main thread's worst event-loop delay during the sustained 640 run (with the same
 * monitor on an idle main thread beforehand and the load average in `detail`, since
 * the machine is shared).
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
  const pool = new DetectorPool({ workers: 1, intraOpNumThreads: 2 });
  pool.register('n640', path.join(dir, 'n640.onnx'));
  pool.register('n320', path.join(dir, 'n320.onnx'));
  try {
    const measure = async (key: string, runs: number, lag?: IntervalHistogram, input: Uint8Array | RawFrame = jpeg) => {
      for (let i = 0; i < 3; i++) await pool.detect(key, input);
      lag?.enable(); // sustained inference only: not the model load and warm-up
      const wall: number[] = [];
      const parts = { preprocessMs: [] as number[], runMs: [] as number[], postprocessMs: [] as number[] };
      let detections = 0;
      const bare: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const r = await pool.detect(key, input);
        wall.push(performance.now() - t);
        // a bare session.run right after each pipeline call, so both see the same machine load
        bare.push(...(await pool.benchRun(key, 1)).runMs);
        parts.preprocessMs.push(r.timings.preprocessMs);
        parts.runMs.push(r.timings.runMs);
        parts.postprocessMs.push(r.timings.postprocessMs);
        detections = r.detections.length;
      }
      lag?.disable();
      return {
        pipelineMs: mean(wall),
        bareRunMs: mean(bare),
        detail: { pipelineMs: r1(mean(wall)), bareRunMs: r1(mean(bare)), preprocessMs: r1(mean(parts.preprocessMs)), runInPipelineMs: r1(mean(parts.runMs)), postprocessMs: r1(mean(parts.postprocessMs)), detections },
      };
    };
    // the same monitor on an idle main thread for as long: what the machine's load alone costs
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 3000));
    idle.disable();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    const at640 = await measure('n640', runs640, lag);
    const at320 = await measure('n320', runs320);
    // the camera path without an encoded image: the decoded RGB frame as ffmpeg's rawvideo delivers it
    const atRaw = await measure('n640', runs640, undefined, { data: frame, width: 1280, height: 720, channels: 3 });
    return {
      fps640: r1(1000 / at640.pipelineMs),
      fps320: r1(1000 / at320.pipelineMs),
      overheadRatio: Math.round((at640.pipelineMs / at640.bareRunMs) * 100) / 100,
      maxEventLoopLagMs: r1(lag.max / 1e6),
      detail: {
        model: { parameters: m640.stats.parameters, gflops640: r1(m640.stats.flops / 1e9), gflops320: r1(m320.stats.flops / 1e9), bytes: m640.bytes.length, buildMs: Math.round(buildMs) },
        pool: { workers: 1, intraOpNumThreads: 2, sharpConcurrency: 1 },
        at640: at640.detail,
        at320: { ...at320.detail, overheadRatio: Math.round((at320.pipelineMs / at320.bareRunMs) * 100) / 100 },
        rawFrame640: { ...atRaw.detail, overheadRatio: Math.round((atRaw.pipelineMs / atRaw.bareRunMs) * 100) / 100, input: '1280x720 RGB (rawvideo)' },
        eventLoopLagP99Ms: r1(lag.percentile(99) / 1e6),
        idleEventLoopLagMaxMs: r1(idle.max / 1e6),
        idleEventLoopLagP99Ms: r1(idle.percentile(99) / 1e6),
        loadAverage: os.loadavg().map(r1),
        input: '1280x720 JPEG',
      },
    };
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
