import { spawn } from 'node:child_process';
import path from 'node:path';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { CameraSource } from '../cameras/Camera';
import type { FrameGrabber, GrabFramesOptions, GrabOptions } from './FrameGrabber';
import { splitPngStream } from './splitPngStream';

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Grabs one frame with Debian's `ffmpeg` (`-frames:v 1 -f image2pipe`) from
 * an RTSP stream (TCP transport) or a file, as PNG (default) or JPEG.
 * Only the `file` protocol is allowed for files and `rtsp`/`rtp`/`tcp`/`udp`/`tls`
 * for streams (`-protocol_whitelist`), so a source cannot make ffmpeg read
 * other URLs.
 * @throws SafeFlowError `frame.unreachable` (502: refused, not found, not a video; ffmpeg's last lines in `details.stderr`),
 *   `frame.timeout` (504), `frame.no_picture` (502: ffmpeg ended without a frame), `frame.ffmpeg_missing` (500),
 *   `frame.bad_source` (400).
 */
export async function grabFrame(source: CameraSource | string, opts: GrabOptions = {}): Promise<Buffer> {
  const [frame] = await runFfmpeg(source, { ...opts, count: 1 });
  return frame;
}

/** `count` PNG frames `intervalMs` apart in stream time (fps filter). Errors as {@link grabFrame}. */
export async function grabFrames(source: CameraSource | string, opts: GrabFramesOptions): Promise<Buffer[]> {
  if (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > 100) throw new SafeFlowError('frame.bad_request', 'count must be 1..100', { status: 400 });
  return runFfmpeg(source, { ...opts, format: 'png' });
}

/** The ffmpeg-backed {@link FrameGrabber}. */
export const ffmpegFrameGrabber: FrameGrabber = { grab: grabFrame, grabFrames };

/** A string source: `rtsp://...` / `rtsps://...`, else a file path. */
export function toCameraSource(source: CameraSource | string): CameraSource {
  if (typeof source !== 'string') return source;
  return /^rtsps?:\/\//i.test(source) ? { kind: 'rtsp', url: source } : { kind: 'file', path: source };
}

/** The ffmpeg arguments of a grab (exported for tests and docs). */
export function ffmpegArgs(source: CameraSource, opts: GrabOptions & { count: number; intervalMs?: number }): string[] {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const input =
    source.kind === 'rtsp'
      ? ['-protocol_whitelist', 'rtsp,rtsps,rtp,tcp,udp,tls', '-rtsp_transport', 'tcp', '-timeout', String(timeoutMs * 1000), '-i', source.url]
      : [...(opts.seekSeconds ? ['-ss', String(opts.seekSeconds)] : []), '-protocol_whitelist', 'file', '-i', `file:${path.resolve(source.path)}`];
  const filter = opts.count > 1 ? ['-vf', `fps=${1000 / (opts.intervalMs ?? 1000)}`] : [];
  const codec = opts.format === 'jpeg' ? ['-c:v', 'mjpeg', '-q:v', '3'] : ['-c:v', 'png'];
  return ['-hide_banner', '-loglevel', 'error', '-nostdin', ...input, ...filter, '-an', '-frames:v', String(opts.count), '-f', 'image2pipe', ...codec, 'pipe:1'];
}

function runFfmpeg(src: CameraSource | string, opts: GrabOptions & { count: number; intervalMs?: number }): Promise<Buffer[]> {
  const source = toCameraSource(src);
  if (source.kind === 'rtsp' && !/^rtsps?:\/\/[^\s]+$/i.test(source.url)) throw new SafeFlowError('frame.bad_source', 'Not an rtsp:// URL', { status: 400 });
  if (source.kind === 'file' && (!source.path || source.path.includes('\0'))) throw new SafeFlowError('frame.bad_source', 'Empty or invalid file path', { status: 400 });
  const where = source.kind === 'rtsp' ? redact(source.url) : source.path;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.FFMPEG_PATH || 'ffmpeg', ffmpegArgs(source, opts), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new SafeFlowError('frame.timeout', `No frame from ${where} within ${timeoutMs} ms`, { status: 504, details: { source: where, timeoutMs } })));
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString()).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) =>
      finish(() =>
        reject(
          e.code === 'ENOENT'
            ? new SafeFlowError('frame.ffmpeg_missing', 'ffmpeg is not installed (apt-get install --no-install-recommends ffmpeg) or FFMPEG_PATH is wrong', { status: 500 })
            : new SafeFlowError('frame.unreachable', `ffmpeg could not run: ${e.message}`, { status: 502, cause: e }),
        ),
      ),
    );
    child.on('close', (code) =>
      finish(() => {
        const data = Buffer.concat(out);
        const stderr = err.trim().split('\n').slice(-5).join('\n');
        if (code !== 0 || data.length === 0) {
          const reason = stderr ? lastLine(stderr) : code === 0 ? 'the source has no video frame' : `ffmpeg exited with ${code}`;
          const codeName = code === 0 ? 'frame.no_picture' : 'frame.unreachable';
          return reject(new SafeFlowError(codeName, `Cannot grab a frame from ${where}: ${reason}`, { status: 502, details: { source: where, exitCode: code, stderr } }));
        }
        const frames = opts.format === 'jpeg' ? [data] : splitPngStream(data);
        if (frames.length === 0) return reject(new SafeFlowError('frame.no_picture', `ffmpeg returned no picture from ${where}`, { status: 502, details: { source: where } }));
        resolve(frames.slice(0, opts.count));
      }),
    );
  });
}

function lastLine(s: string): string {
  return s.split('\n').filter(Boolean).pop()!.replace(/^\[[^\]]*\]\s*/, '');
}

/** An RTSP URL without its password (errors and logs never show credentials). */
export function redact(url: string): string {
  return url.replace(/^(rtsps?:\/\/[^:@/]+):[^@/]*@/i, '$1:***@');
}
