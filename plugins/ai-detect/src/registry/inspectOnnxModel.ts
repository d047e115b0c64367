/**
 * Validation of an imported detector before anything runs it: the bytes must be an ONNX
 * model whose one image input is `[1|N, 3, S, S]` float (S a multiple of 32) and whose
 * first output has one of the three detector layouts, with weights stored inside the file
 * (no external-data files), and a class count matching the labels given.
 */
import onnxProto from 'onnx-proto';
import { classCountOf, detectLayout } from '../decode/decodeOutput';
import type { OutputLayout } from '../decode/Detection';
import { SafeFlowAiError } from '../errors';
import { parsePythonNames } from './parsePythonNames';

const { onnx } = onnxProto;

/** What validation learned about a model. */
export interface ModelInspection {
  inputName: string;
  inputSize: number;
  outputName: string;
  outputShape: number[];
  layout: OutputLayout;
  /** Classes the output shape implies (e2e: the metadata's or the labels' count). */
  classCount: number;
  /** Class names from `metadata_props.names`, when present. */
  metadataNames?: string[];
  producer: string;
  opset: number;
  metadata: Record<string, string>;
}

type Long = number | { toNumber(): number };
const num = (v: Long | null | undefined): number => (v == null ? 0 : typeof v === 'number' ? v : v.toNumber());

function dims(valueInfo: onnxProto.onnx.IValueInfoProto): (number | string)[] {
  const shape = valueInfo.type?.tensorType?.shape?.dim ?? [];
  return shape.map((d) => (d.dimParam ? d.dimParam : num(d.dimValue as Long)));
}

/** Inspects and validates model bytes; `labels` (when given) must match the class count. */
export function inspectOnnxModel(bytes: Uint8Array, labels?: readonly string[]): ModelInspection {
  let model: InstanceType<typeof onnx.ModelProto>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new SafeFlowAiError('model.corrupt', 'The file is not a readable ONNX model', { reason: (err as Error).message });
  }
  const graph = model.graph;
  if (!graph || !graph.node?.length || !model.opsetImport?.length) throw new SafeFlowAiError('model.corrupt', 'The file is not a readable ONNX model', { reason: 'no graph' });

  const external = (graph.initializer ?? []).filter((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0);
  if (external.length) {
    throw new SafeFlowAiError('model.external_data', 'The model keeps its weights in external data files; export it as a single .onnx file', {
      tensors: external.slice(0, 5).map((t) => t.name),
    });
  }

  const initNames = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((i) => !initNames.has(i.name));
  if (inputs.length !== 1) throw new SafeFlowAiError('model.input_shape', `A detector has one image input; this model has ${inputs.length}`, { inputs: inputs.map((i) => i.name) });
  const input = inputs[0]!;
  const inDims = dims(input);
  const elem = input.type?.tensorType?.elemType;
  const size = inDims[2];
  if (elem !== 1 || inDims.length !== 4 || inDims[1] !== 3 || typeof size !== 'number' || inDims[3] !== size || size % 32 !== 0 || (typeof inDims[0] === 'number' && inDims[0] !== 1)) {
    throw new SafeFlowAiError('model.input_shape', `The input must be float32 [1, 3, S, S] with S a multiple of 32; got [${inDims.join(', ')}]`, { dims: inDims, elemType: elem });
  }

  const output = graph.output?.[0];
  if (!output) throw new SafeFlowAiError('model.output_shape', 'The model has no output');
  const outDims = dims(output).map((d, i) => (typeof d === 'number' ? d : i === 0 ? 1 : -1));
  if (outDims.some((d) => d < 1)) throw new SafeFlowAiError('model.output_shape', `The output shape must be static; got [${dims(output).join(', ')}]`, { dims: dims(output) });
  const layout = detectLayout(outDims);

  const metadata = Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key, p.value]));
  const metadataNames = metadata.names ? parsePythonNames(metadata.names) : undefined;
  let classCount = classCountOf(layout, outDims);
  if (classCount === -1) classCount = metadataNames?.length ?? labels?.length ?? 0;
  if (classCount < 1) throw new SafeFlowAiError('model.output_shape', `The output [${outDims.join(', ')}] carries no class scores`, { dims: outDims });
  if (labels && labels.length !== classCount) {
    throw new SafeFlowAiError('model.label_mismatch', `The model has ${classCount} classes but ${labels.length} labels were given`, {
      classCount,
      labelCount: labels.length,
      metadataNames,
    });
  }
  const opset = num((model.opsetImport.find((o) => !o.domain) ?? model.opsetImport[0])!.version as Long);
  return {
    inputName: input.name ?? '',
    inputSize: size,
    outputName: output.name ?? '',
    outputShape: outDims,
    layout,
    classCount,
    metadataNames,
    producer: model.producerName ?? '',
    opset,
    metadata,
  };
}
