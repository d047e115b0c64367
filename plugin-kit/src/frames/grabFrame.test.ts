import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestClip, serveRtspCamera, type RtspTestCamera } from '../testing';
import { grabFrame, grabFrames, redact } from './grabFrame';

describe('grabFrame (Debian ffmpeg)', () => {
  let dir: string;
  let clip: string;
  let cam: RtspTestCamera;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-frames-'));
    clip = await makeTestClip(path.join(dir, 'clip.mp4'));
    cam = await serveRtspCamera(clip, 'cam1');
  });
  afterAll(async () => {
    await cam?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('grabs a PNG frame of the clip size from a file, and a JPEG on request', async () => {
    // when
    const png = await grabFrame(clip);
    const jpg = await grabFrame({ kind: 'file', path: clip }, { format: 'jpeg', seekSeconds: 1 });
    // then
    expect(pngSize(png)).toEqual({ width: 320, height: 240 });
    expect(jpg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('grabs several frames over time; the moving test pattern differs between them', async () => {
    const frames = await grabFrames(clip, { count: 3, intervalMs: 500 });
    expect(frames).toHaveLength(3);
    expect(frames.map(pngSize)).toEqual([1, 2, 3].map(() => ({ width: 320, height: 240 })));
    expect(frames[0].equals(frames[2])).toBe(false);
  });

  it('grabs a frame from an RTSP stream served on loopback', async () => {
    const png = await grabFrame(cam.url, { timeoutMs: 15_000 });
    expect(pngSize(png)).toEqual({ width: 320, height: 240 });
  });

  it('answers frame.unreachable for a refused stream, a missing file and an unknown stream path', async () => {
    const closed = await freePort();
    await expect(grabFrame(`rtsp://127.0.0.1:${closed}/cam1`)).rejects.toMatchObject({ code: 'frame.unreachable', status: 502, message: expect.stringMatching(/Connection refused/) });
    await expect(grabFrame(path.join(dir, 'nope.mp4'))).rejects.toMatchObject({ code: 'frame.unreachable', message: expect.stringMatching(/No such file/) });
    await expect(grabFrame(cam.relay.url('nobody'), { timeoutMs: 5000 })).rejects.toMatchObject({ code: 'frame.unreachable' });
  });

  it('answers frame.timeout when a stream accepts the connection but never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      await expect(grabFrame(`rtsp://127.0.0.1:${port}/cam1`, { timeoutMs: 800 })).rejects.toMatchObject({ code: 'frame.timeout', status: 504 });
    } finally {
      silent.close();
    }
  });

  it('keeps passwords out of messages', () => {
    expect(redact('rtsp://admin:secret@10.0.0.5:554/Streaming/Channels/101')).toBe('rtsp://admin:***@10.0.0.5:554/Streaming/Channels/101');
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Width and height from a PNG's IHDR chunk (throws on anything else). */
function pngSize(b: Buffer): { width: number; height: number } {
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(b.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
