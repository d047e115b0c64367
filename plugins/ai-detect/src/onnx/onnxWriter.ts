/**
 * A small ONNX graph writer over `onnx-proto`'s protobuf classes: just enough to
 * build the detectors the tests and the bench use (Conv, pooling, elementwise
 * ops, Reshape, Concat, TopK, Gather). Nothing here runs a model.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX element types used here. */
export const DT = { FLOAT: 1, INT64: 7 } as const;

/** Attribute values a node may carry. */
export type AttrValue = number | number[] | string | { ints: number[] } | { floats: number[] };

/** Collects nodes, initializers, inputs and outputs of one graph. */
export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private counter = 0;

  /** A fresh tensor name with `prefix`. */
  name(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }

  /** Declares a graph input. */
  input(name: string, elemType: number, dims: (number | string)[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  /** Declares a graph output. */
  output(name: string, elemType: number, dims: (number | string)[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** A float32 initializer; returns its name. */
  floats(prefix: string, dims: number[], values: Float32Array | number[]): string {
    const data = values instanceof Float32Array ? values : Float32Array.from(values);
    const name = this.name(prefix);
    this.initializers.push(
      onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }),
    );
    return name;
  }

  /** An int64 initializer; returns its name. */
  ints(prefix: string, dims: number[], values: number[]): string {
    const name = this.name(prefix);
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push(
      onnx.TensorProto.create({ name, dims, dataType: DT.INT64, rawData: new Uint8Array(data.buffer) }),
    );
    return name;
  }

  /** Adds a node; returns the names of its outputs (one per `outputCount`). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputCount = 1): string[] {
    const outs = Array.from({ length: outputCount }, () => this.name(opType.toLowerCase()));
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: inputs,
        output: outs,
        name: this.name(`n_${opType}`),
        attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      }),
    );
    return outs;
  }

  /** Single-output shorthand of {@link op}. */
  op1(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    return this.op(opType, inputs, attrs)[0]!;
  }

  /** Renames the last node's first output to `name` (to give graph outputs stable names). */
  renameLastOutput(name: string): void {
    const last = this.nodes[this.nodes.length - 1];
    if (last) last.output[0] = name;
  }

  /** Encodes the model (opset 17, IR 8) with optional metadata properties. */
  encode(options: { graphName: string; metadata?: Record<string, string>; producer?: string }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: options.producer ?? 'safeflow-test-models',
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: 17 })],
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value })),
      graph: onnx.GraphProto.create({
        name: options.graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType,
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) =>
            typeof d === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: d }) : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
          ),
        }),
      }),
    }),
  });
}

function attribute(name: string, v: AttrValue) {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof v === 'number') {
    return Number.isInteger(v) ? onnx.AttributeProto.create({ name, type: T.INT, i: v }) : onnx.AttributeProto.create({ name, type: T.FLOAT, f: v });
  }
  if (typeof v === 'string') return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(v) });
  if (Array.isArray(v)) return onnx.AttributeProto.create({ name, type: T.INTS, ints: v });
  if ('ints' in v) return onnx.AttributeProto.create({ name, type: T.INTS, ints: v.ints });
  return onnx.AttributeProto.create({ name, type: T.FLOATS, floats: v.floats });
}

/** Ultralytics-style class-name metadata: a Python dict literal (`{0: 'person', 1: 'helmet'}`). */
export function pythonNamesDict(labels: readonly string[]): string {
  return '{' + labels.map((l, i) => `${i}: '${l.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ') + '}';
}
