import type { CameraSource } from '../cameras/Camera';

/** Options of one grab. */
export interface GrabOptions {
  /** Give up after this many ms (default 10 s): `frame.timeout`. */
  timeoutMs?: number;
  /** Image format of the result (default png, lossless for diagnostics). */
  format?: 'png' | 'jpeg';
  /** Files only: seek to this position (seconds) first. */
  seekSeconds?: number;
}

/** Options of {@link FrameGrabber.grabFrames}. */
export interface GrabFramesOptions extends GrabOptions {
  count: number;
  /** Time between the frames, in stream time (default 1000 ms). */
  intervalMs?: number;
}

/** Grabs still frames from camera sources (SafeFlow's uses Debian's ffmpeg; see {@link grabFrame}). */
export interface FrameGrabber {
  /** One encoded frame. @throws SafeFlowError `frame.unreachable` | `frame.timeout` | `frame.no_picture` | `frame.ffmpeg_missing`. */
  grab(source: CameraSource | string, opts?: GrabOptions): Promise<Buffer>;
  /** `count` encoded frames `intervalMs` apart (for frozen-picture checks). Same errors. */
  grabFrames(source: CameraSource | string, opts: GrabFramesOptions): Promise<Buffer[]>;
}
