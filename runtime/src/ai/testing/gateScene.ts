import fs from 'node:fs';
import path from 'node:path';
import { cellBox, syntheticPng } from '@safeflow/plugin-ai-detect';
import { makeStillClip } from '@safeflow/plugin-kit/testing';

/** The 1280×720 frame size of the gate camera and the photos in the AI end-to-end tests. */
export const GATE_W = 1280;
export const GATE_H = 720;
/** The person (a red patch) the gate camera sees, and the one in an uploaded site photo, on the colour-patch model's grid. */
export const camPerson = cellBox(GATE_W, GATE_H, 640, 32, 10, 9);
export const photoPerson = cellBox(GATE_W, GATE_H, 640, 32, 3, 10);

/** The gate camera's clip in `dir`: an H.264 file of a frame with {@link camPerson} and no helmet. */
export async function makeGateClip(dir: string): Promise<string> {
  const png = path.join(dir, 'gate.png');
  fs.writeFileSync(png, await syntheticPng(GATE_W, GATE_H, [{ colour: 'red', box: camPerson }]));
  return makeStillClip(png, path.join(dir, 'gate.mp4'));
}

/** A site photo (PNG) with {@link photoPerson} and no helmet. */
export const sitePhoto = () => syntheticPng(GATE_W, GATE_H, [{ colour: 'red', box: photoPerson }]);
