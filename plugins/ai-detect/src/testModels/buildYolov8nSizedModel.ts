/**
 * A yolov8n-sized random-weight detector for throughput tests: a stride-2 conv backbone
 * (16-32-64-128-256 channels, SiLU), a 3×3 head per level (P3/8, P4/16, P5/32) ending in
 * 4 + nc channels, sigmoid, output `[1, 4+nc, N]` exactly like a YOLOv8 export. About
 * 3.1 M parameters and yolov8n's compute (≈ 8 GFLOPs at 640); the weights are random
 * (seeded), the boxes meaningless, the class scores biased low so few anchors pass 0.25.
 */
import { GraphBuilder, DT, pythonNamesDict } from '../onnx/onnxWriter';

/** Size figures of the built network. */
export interface ModelStats {
  parameters: number;
  /** Multiply-accumulates × 2 at the built input size. */
  flops: number;
}

/** Builds the model; returns its bytes and its size figures. */
export function buildYolov8nSizedModel(options: { size?: number; classes?: number; seed?: number } = {}): { bytes: Uint8Array; stats: ModelStats } {
  const size = options.size ?? 640;
  const nc = options.classes ?? 80;
  let seed = options.seed ?? 42;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const g = new GraphBuilder();
  const stats: ModelStats = { parameters: 0, flops: 0 };
  let hw = size;

  const conv = (x: string, cin: number, cout: number, k: number, stride: number, act = true, biasValue = 0.01): string => {
    const limit = Math.sqrt(6 / (cin * k * k)) * 1.2; // He-uniform × 1.2 keeps activations from vanishing or exploding through the stack
    const w = new Float32Array(cout * cin * k * k);
    for (let i = 0; i < w.length; i++) w[i] = (random() * 2 - 1) * limit;
    const b = new Float32Array(cout).fill(biasValue);
    hw = Math.ceil(hw / stride);
    stats.parameters += w.length + b.length;
    stats.flops += 2 * cin * cout * k * k * hw * hw;
    const y = g.op1('Conv', [x, g.floats('w', [cout, cin, k, k], w), g.floats('b', [cout], b)], {
      kernel_shape: [k, k],
      strides: [stride, stride],
      pads: k === 3 ? [1, 1, 1, 1] : [0, 0, 0, 0],
    });
    return act ? g.op1('Mul', [y, g.op1('Sigmoid', [y])]) : y;
  };

  let x = g.input('images', DT.FLOAT, [1, 3, size, size]);
  x = conv(x, 3, 16, 3, 2); // 320
  x = conv(x, 16, 32, 3, 2); // 160
  for (let i = 0; i < 3; i++) x = conv(x, 32, 32, 3, 1);
  x = conv(x, 32, 64, 3, 2); // 80
  for (let i = 0; i < 2; i++) x = conv(x, 64, 64, 3, 1);
  const p3 = x;
  const hw3 = hw;
  x = conv(x, 64, 128, 3, 2); // 40
  for (let i = 0; i < 2; i++) x = conv(x, 128, 128, 3, 1);
  const p4 = x;
  const hw4 = hw;
  x = conv(x, 128, 256, 3, 2); // 20
  for (let i = 0; i < 3; i++) x = conv(x, 256, 256, 3, 1);
  const p5 = x;
  const hw5 = hw;

  const head = (feat: string, cin: number, at: number, depth: number): string => {
    hw = at;
    let y = conv(feat, cin, 64, 3, 1);
    for (let i = 1; i < depth; i++) y = conv(y, 64, 64, 3, 1);
    const out = conv(y, 64, 4 + nc, 1, 1, false, -5);
    return g.op1('Reshape', [out, g.ints('shape', [3], [1, 4 + nc, -1])]);
  };
  const levels = [head(p3, 64, hw3, 3), head(p4, 128, hw4, 2), head(p5, 256, hw5, 2)];
  const cat = g.op1('Concat', levels, { axis: 2 });
  const sig = g.op1('Sigmoid', [cat]);
  // rows 0–3 become pixel coordinates (× size), class rows stay probabilities
  const scale = new Float32Array(4 + nc).fill(1);
  scale.fill(size, 0, 4);
  g.op1('Mul', [sig, g.floats('scale', [1, 4 + nc, 1], scale)]);
  g.renameLastOutput('output0');
  const n = (size / 8) ** 2 + (size / 16) ** 2 + (size / 32) ** 2;
  g.output('output0', DT.FLOAT, [1, 4 + nc, n]);
  const labels = Array.from({ length: nc }, (_, i) => `class${i}`);
  return { bytes: g.encode({ graphName: 'yolov8n-sized-random', metadata: { names: pythonNamesDict(labels) } }), stats };
}
