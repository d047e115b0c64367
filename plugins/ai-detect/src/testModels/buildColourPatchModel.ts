/**
 * The "colour-patch detector" of AI.md: a real, image-dependent ONNX model the tests
 * build themselves. A 1×1 convolution turns RGB into one indicator channel per class
 * (1 on the class's pure colour, 0 on grey, white, black and the other colours),
 * ReLU, an average pool per detection level (cell = stride × stride pixels), a power
 * that sharpens partial coverage, a per-level class mask, and constant anchor boxes.
 * A solid square of a class colour that exactly covers one cell of that class's level
 * gives score 1 on that cell's box and 0 around it.
 *
 * Layouts: `yolov8` `[1, 4+nc, N]`, `yolov5` `[1, 3N, 5+nc]` (three anchors per cell,
 * objectness 0.9 on the cell-sized one and 0 on the 2× and 4× ones, so a decoder that
 * ignores objectness reports extra boxes) and `e2e` `[1, 300, 6]` (x1 y1 x2 y2 score
 * class, top-300 inside the model).
 */
import { GraphBuilder, DT, pythonNamesDict } from '../onnx/onnxWriter';
import { STRIDES, anchorGrid } from './anchorGrid';

/** Pure colours the model can tell apart (channels that are 1). */
export const PATCH_COLOURS = {
  red: [1, 0, 0],
  green: [0, 1, 0],
  blue: [0, 0, 1],
  yellow: [1, 1, 0],
  magenta: [1, 0, 1],
  cyan: [0, 1, 1],
} as const;

/** A colour name of {@link PATCH_COLOURS}. */
export type PatchColour = keyof typeof PATCH_COLOURS;

/** One class of the detector: its label, the colour that triggers it and its level. */
export interface PatchClass {
  label: string;
  colour?: PatchColour;
  stride?: (typeof STRIDES)[number];
}

/** Options of {@link buildColourPatchModel}. */
export interface ColourPatchOptions {
  classes: PatchClass[];
  layout?: 'yolov8' | 'yolov5' | 'e2e';
  /** Square input size (default 640). */
  size?: number;
  /** Exponent applied to the pooled coverage (default 2). */
  power?: number;
  /** Input tensor name (default `images`). */
  inputName?: string;
  /** Write the class names into `metadata_props.names` (default true). */
  withNames?: boolean;
}

/** Objectness of the YOLOv5 variant's cell-sized anchor. */
export const V5_OBJECTNESS = 0.9;

/** Builds the model and returns its protobuf bytes. */
export function buildColourPatchModel(options: ColourPatchOptions): Uint8Array {
  const size = options.size ?? 640;
  const layout = options.layout ?? 'yolov8';
  const nc = options.classes.length;
  if (nc < 1) throw new Error('at least one class');
  const g = new GraphBuilder();
  const input = g.input(options.inputName ?? 'images', DT.FLOAT, [1, 3, size, size]);

  // 1×1 conv: indicator_k = relu(Σ_{c∈S} c − k·Σ_{c∉S} c − (k − 1)), k = |S|.
  const weights: number[] = [];
  const bias: number[] = [];
  for (const cls of options.classes) {
    const on = cls.colour ? PATCH_COLOURS[cls.colour] : undefined;
    if (!on) {
      weights.push(0, 0, 0);
      bias.push(-1);
      continue;
    }
    const k = on.reduce((a: number, b) => a + b, 0);
    for (const c of on) weights.push(c === 1 ? 1 : -k);
    bias.push(-(k - 1));
  }
  const conv = g.op1('Conv', [input, g.floats('w', [nc, 3, 1, 1], weights), g.floats('b', [nc], bias)], { kernel_shape: [1, 1] });
  const indicator = g.op1('Relu', [conv]);
  const exponent = g.floats('p', [], [options.power ?? 2]);

  const levelScores = STRIDES.map((stride) => {
    const pooled = g.op1('AveragePool', [indicator], { kernel_shape: [stride, stride], strides: [stride, stride] });
    const sharp = g.op1('Pow', [pooled, exponent]);
    const mask = options.classes.map((c) => ((c.stride ?? 32) === stride && c.colour ? 1 : 0));
    const masked = g.op1('Mul', [sharp, g.floats('mask', [1, nc, 1, 1], mask)]);
    return g.op1('Reshape', [masked, g.ints('shape', [3], [1, nc, -1])]);
  });
  const cells = anchorGrid(size);
  const n = cells.length;
  const metadata: Record<string, string> = options.withNames === false ? {} : { names: pythonNamesDict(options.classes.map((c) => c.label)), stride: '32', task: 'detect', imgsz: `[${size}, ${size}]` };

  if (layout === 'yolov8') {
    const scores = g.op1('Concat', levelScores, { axis: 2 });
    const boxes = new Float32Array(4 * n);
    cells.forEach((c, i) => {
      boxes[i] = c.cx;
      boxes[n + i] = c.cy;
      boxes[2 * n + i] = c.stride;
      boxes[3 * n + i] = c.stride;
    });
    g.op1('Concat', [g.floats('boxes', [1, 4, n], boxes), scores], { axis: 1 });
    g.renameLastOutput('output0');
    g.output('output0', DT.FLOAT, [1, 4 + nc, n]);
  } else if (layout === 'yolov5') {
    const perLevel: string[] = [];
    const boxRows: number[][] = [[], [], [], [], []];
    STRIDES.forEach((stride, li) => {
      const levelCells = cells.filter((c) => c.stride === stride);
      perLevel.push(g.op1('Concat', [levelScores[li]!, levelScores[li]!, levelScores[li]!], { axis: 2 }));
      for (let a = 0; a < 3; a++) {
        for (const c of levelCells) {
          boxRows[0]!.push(c.cx);
          boxRows[1]!.push(c.cy);
          boxRows[2]!.push(stride * 2 ** a);
          boxRows[3]!.push(stride * 2 ** a);
          boxRows[4]!.push(a === 0 ? V5_OBJECTNESS : 0);
        }
      }
    });
    const scores = g.op1('Concat', perLevel, { axis: 2 });
    const rows = g.op1('Concat', [g.floats('boxobj', [1, 5, 3 * n], boxRows.flat()), scores], { axis: 1 });
    g.op1('Transpose', [rows], { perm: [0, 2, 1] });
    g.renameLastOutput('output0');
    g.output('output0', DT.FLOAT, [1, 3 * n, 5 + nc]);
  } else {
    const scores = g.op1('Concat', levelScores, { axis: 2 });
    const best = g.op1('ReduceMax', [scores], { axes: [1], keepdims: 0 });
    const cls = g.op1('ArgMax', [scores], { axis: 1, keepdims: 0 });
    const k = Math.min(300, n);
    const [values, indices] = g.op('TopK', [best, g.ints('k', [1], [k])], { axis: 1 }, 2);
    const xyxy = new Float32Array(4 * n);
    cells.forEach((c, i) => {
      const h = c.stride / 2;
      xyxy.set([c.cx - h, c.cy - h, c.cx + h, c.cy + h], i * 4);
    });
    const boxes = g.op1('Gather', [g.floats('xyxy', [n, 4], xyxy), indices!], { axis: 0 });
    const clsTop = g.op1('GatherElements', [cls, indices!], { axis: 1 });
    const clsF = g.op1('Cast', [clsTop], { to: DT.FLOAT });
    const axes = g.ints('axes', [1], [2]);
    const clsCol = g.op1('Unsqueeze', [clsF, axes]);
    const scoreCol = g.op1('Unsqueeze', [values!, axes]);
    g.op1('Concat', [boxes, scoreCol, clsCol], { axis: 2 });
    g.renameLastOutput('output0');
    g.output('output0', DT.FLOAT, [1, k, 6]);
  }
  return g.encode({ graphName: `colour-patch-${layout}`, metadata });
}
