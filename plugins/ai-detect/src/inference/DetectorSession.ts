/**
 * One loaded detector: an onnxruntime session created once, its input size and output
 * layout read from the model, and `detect()` = preprocess → session.run → postprocess.
 * It blocks the thread it runs on while the model runs: the runtime uses it inside the
 * worker pool ({@link DetectorPool}), never on the main event loop.
 */
import * as ort from 'onnxruntime-node';
import { SafeFlowAiError } from '../errors';
import { detectLayout, type RawOutput } from '../decode/decodeOutput';
import type { Detection, OutputLayout } from '../decode/Detection';
import { postprocess, type DetectThresholds } from '../decode/postprocess';
import { preprocess, type ImageInput } from '../image/preprocess';

/** Session settings (AI.md: pair intraOpNumThreads with sharp.concurrency(1) on 2 cores). */
export interface SessionOptions {
  intraOpNumThreads?: number;
}

/** Result of one detection with where the time went. */
export interface DetectResult {
  detections: Detection[];
  width: number;
  height: number;
  timings: { preprocessMs: number; runMs: number; postprocessMs: number };
}

/** Per-call options: thresholds, labels, and a layout that overrides the one read from the output shape. */
export interface DetectOptions extends DetectThresholds {
  labels?: readonly string[];
  layout?: OutputLayout;
}

/** A loaded detector. */
export class DetectorSession {
  private constructor(
    readonly session: ort.InferenceSession,
    readonly inputName: string,
    readonly outputName: string,
    readonly inputSize: number,
    readonly layout: OutputLayout,
  ) {}

  /** The input tensor's buffer, reused by {@link detect} (a session runs one image at a time). */
  private inputBuffer: Float32Array | undefined;
  private busy = false;

  /** Creates the session from model bytes or a file path. */
  static async create(model: Uint8Array | string, options: SessionOptions = {}): Promise<DetectorSession> {
    let session: ort.InferenceSession;
    const opts: ort.InferenceSession.SessionOptions = {
      intraOpNumThreads: options.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    };
    try {
      session = typeof model === 'string' ? await ort.InferenceSession.create(model, opts) : await ort.InferenceSession.create(model, opts);
    } catch (err) {
      throw new SafeFlowAiError('model.unloadable', 'onnxruntime could not load the model', { reason: (err as Error).message });
    }
    const input = session.inputMetadata[0];
    const output = session.outputMetadata[0];
    if (!input || !output || !input.isTensor || !output.isTensor) throw new SafeFlowAiError('model.io', 'The model needs one tensor input and one tensor output');
    const shape = input.shape;
    const size = typeof shape[2] === 'number' ? shape[2] : 640;
    const outShape = output.shape.map((d) => (typeof d === 'number' ? d : 1));
    return new DetectorSession(session, input.name, output.name, size, detectLayout(outShape));
  }

  /** Runs the model on an already preprocessed CHW tensor and returns the raw output. */
  async runTensor(tensor: Float32Array): Promise<RawOutput> {
    const feeds = { [this.inputName]: new ort.Tensor('float32', tensor, [1, 3, this.inputSize, this.inputSize]) };
    const out = await this.session.run(feeds);
    const t = out[this.outputName]!;
    return { data: t.data as Float32Array, dims: t.dims };
  }

  /** Detects objects in one image. */
  async detect(image: ImageInput, options: DetectOptions = {}): Promise<DetectResult> {
    const t0 = performance.now();
    // the shared buffer only when no other call of this session is between preprocess and run
    const reuse = !this.busy;
    if (reuse) this.busy = true;
    let pre: Awaited<ReturnType<typeof preprocess>>;
    let raw: RawOutput;
    let t1: number;
    try {
      pre = await preprocess(image, this.inputSize, reuse ? this.inputBuffer : undefined);
      if (reuse) this.inputBuffer = pre.tensor;
      t1 = performance.now();
      raw = await this.runTensor(pre.tensor);
    } finally {
      if (reuse) this.busy = false;
    }
    const t2 = performance.now();
    const detections = postprocess(options.layout ?? this.layout, raw, pre.letterbox, options, options.labels ?? []);
    const t3 = performance.now();
    return {
      detections,
      width: pre.letterbox.width,
      height: pre.letterbox.height,
      timings: { preprocessMs: t1 - t0, runMs: t2 - t1, postprocessMs: t3 - t2 },
    };
  }

  /** Frees the native session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
