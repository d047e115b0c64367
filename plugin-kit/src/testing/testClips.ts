import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { startRtspRelay, type RtspRelay } from './startRtspRelay';

const run = promisify(execFile);

/**
 * Writes an H.264 MP4 test clip with ffmpeg's lavfi sources (default
 * `testsrc`, a moving test pattern; `color=c=black` etc. work too).
 */
export async function makeTestClip(file: string, opts: { lavfi?: string; seconds?: number; size?: string; rate?: number } = {}): Promise<string> {
  const size = opts.size ?? '320x240';
  const rate = opts.rate ?? 10;
  const src = opts.lavfi ?? `testsrc=size=${size}:rate=${rate}`;
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', src, '-t', String(opts.seconds ?? 3), '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-g', String(rate), '-bf', '0', file]);
  return file;
}

/**
 * Writes an H.264 MP4 of one still picture (a PNG or JPEG file) held for `seconds`, with a
 * key frame every second and no B-frames (a grab at any point decodes the same picture).
 */
export async function makeStillClip(picture: string, file: string, opts: { seconds?: number; rate?: number } = {}): Promise<string> {
  const rate = opts.rate ?? 10;
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-i', picture, '-t', String(opts.seconds ?? 2), '-r', String(rate), '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-g', String(rate), '-bf', '0', file]);
  return file;
}

/** A clip served as an RTSP camera on loopback (relay + ffmpeg publisher looping the clip in real time). */
export interface RtspTestCamera {
  url: string;
  relay: RtspRelay;
  close(): Promise<void>;
}

/** Serves `clip` at `rtsp://127.0.0.1:<port>/<path>` (`ffmpeg -re -stream_loop -1 -i clip -c copy -f rtsp`). Resolves once it is publishing. */
export async function serveRtspCamera(clip: string, path = 'cam1'): Promise<RtspTestCamera> {
  const relay = await startRtspRelay();
  const publisher: ChildProcess = spawn(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-nostdin', '-re', '-stream_loop', '-1', '-i', clip, '-c', 'copy', '-f', 'rtsp', '-rtsp_transport', 'tcp', relay.url(path)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  publisher.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<never>((_, reject) => publisher.once('exit', (c) => reject(new Error(`rtsp publisher exited ${c}: ${stderr}`))));
  exited.catch(() => undefined);
  await Promise.race([relay.published(path), exited]);
  return {
    url: relay.url(path),
    relay,
    async close() {
      publisher.kill('SIGKILL');
      await relay.close();
    },
  };
}
