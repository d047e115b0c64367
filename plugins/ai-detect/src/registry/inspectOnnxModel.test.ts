import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { buildColourPatchModel } from '../testModels/buildColourPatchModel';
import { inspectOnnxModel } from './inspectOnnxModel';
import { parsePythonNames } from './parsePythonNames';

const { onnx } = onnxProto;
const classes = [
  { label: 'person', colour: 'red' as const },
  { label: 'safehat', colour: 'green' as const },
];

describe('inspectOnnxModel', () => {
  it('reads input size, layout, class count and the Python-dict names of each layout', () => {
    const v8 = inspectOnnxModel(buildColourPatchModel({ classes }), ['person', 'safehat']);
    expect(v8).toMatchObject({ inputName: 'images', inputSize: 640, layout: 'yolov8', outputShape: [1, 6, 8400], classCount: 2, metadataNames: ['person', 'safehat'], opset: 17 });
    expect(inspectOnnxModel(buildColourPatchModel({ classes, layout: 'yolov5' }))).toMatchObject({ layout: 'yolov5', outputShape: [1, 25200, 7], classCount: 2 });
    expect(inspectOnnxModel(buildColourPatchModel({ classes, layout: 'e2e' }))).toMatchObject({ layout: 'e2e', outputShape: [1, 300, 6], classCount: 2 });
    expect(inspectOnnxModel(buildColourPatchModel({ classes, size: 320 })).inputSize).toBe(320);
  });

  it('rejects corrupt bytes, mismatched labels, external data and bad shapes with clear codes', () => {
    expect(() => inspectOnnxModel(new TextEncoder().encode('this is not a model'))).toThrow(expect.objectContaining({ code: 'model.corrupt' }));
    const good = buildColourPatchModel({ classes });
    expect(() => inspectOnnxModel(good.slice(0, good.length / 2))).toThrow(expect.objectContaining({ code: 'model.corrupt' }));
    expect(() => inspectOnnxModel(good, ['person'])).toThrow(expect.objectContaining({ code: 'model.label_mismatch', details: expect.objectContaining({ classCount: 2, labelCount: 1 }) }));

    const external = onnx.ModelProto.decode(good);
    const t = external.graph!.initializer![0]!;
    t.rawData = new Uint8Array();
    t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    t.externalData = [onnx.StringStringEntryProto.create({ key: 'location', value: 'weights.bin' })];
    expect(() => inspectOnnxModel(onnx.ModelProto.encode(external).finish())).toThrow(expect.objectContaining({ code: 'model.external_data' }));

    const wrongInput = onnx.ModelProto.decode(good);
    wrongInput.graph!.input![0]!.type!.tensorType!.shape!.dim![1]!.dimValue = 1;
    expect(() => inspectOnnxModel(onnx.ModelProto.encode(wrongInput).finish())).toThrow(expect.objectContaining({ code: 'model.input_shape' }));

    const wrongOutput = onnx.ModelProto.decode(good);
    wrongOutput.graph!.output![0]!.type!.tensorType!.shape!.dim!.pop();
    expect(() => inspectOnnxModel(onnx.ModelProto.encode(wrongOutput).finish())).toThrow(expect.objectContaining({ code: 'model.output_shape' }));
  });

  it('parses Python dict names and refuses other text', () => {
    expect(parsePythonNames(`{0: 'person', 1: "hard hat", 2: 'it\\'s'}`)).toEqual(['person', 'hard hat', "it's"]);
    expect(parsePythonNames('{}')).toEqual([]);
    expect(parsePythonNames('["person"]')).toBeUndefined();
    expect(parsePythonNames("{1: 'a'}")).toBeUndefined();
  });
});
