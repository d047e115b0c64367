import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A running loopback RTSP relay (see {@link startRtspRelay}). */
export interface RtspRelay {
  port: number;
  /** `rtsp://127.0.0.1:<port>/<path>` */
  url(path: string): string;
  /** Resolves when a publisher is recording on `path`. */
  published(path: string): Promise<void>;
  close(): Promise<void>;
}

interface Stream {
  sdp: string;
  /** publisher channel → stream index */
  channels: Map<number, number>;
  subscribers: Set<Subscriber>;
}

interface Subscriber {
  socket: net.Socket;
  /** stream index → subscriber RTP channel */
  channels: Map<number, number>;
  playing: boolean;
}

/**
 * A minimal RTSP relay for tests on loopback (Debian's ffmpeg cannot serve
 * RTSP by itself: its muxer only pushes): an ffmpeg publisher pushes with
 * `-f rtsp -rtsp_transport tcp rtsp://127.0.0.1:<port>/<path>` (ANNOUNCE,
 * SETUP, RECORD), pullers read the same URL with `-rtsp_transport tcp`
 * (DESCRIBE, SETUP, PLAY); interleaved RTP/RTCP packets of the publisher are
 * forwarded to every playing puller. TCP interleaved only, no auth — a test
 * fixture, not a media server.
 */
export async function startRtspRelay(): Promise<RtspRelay> {
  const streams = new Map<string, Stream>();
  const waiters = new Map<string, Array<() => void>>();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buf = Buffer.alloc(0);
    let publishing: { path: string; stream: Stream } | undefined;
    const sub: Subscriber = { socket, channels: new Map(), playing: false };
    let subPath: string | undefined;
    socket.on('close', () => {
      if (subPath) streams.get(subPath)?.subscribers.delete(sub);
      if (publishing && streams.get(publishing.path) === publishing.stream) {
        for (const s of publishing.stream.subscribers) s.socket.destroy();
        streams.delete(publishing.path);
      }
    });

    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf.length === 0) return;
        if (buf[0] === 0x24) {
          // interleaved packet: $ channel len(2) payload
          if (buf.length < 4) return;
          const len = buf.readUInt16BE(2);
          if (buf.length < 4 + len) return;
          const channel = buf[1];
          const packet = buf.subarray(0, 4 + len);
          buf = buf.subarray(4 + len);
          if (publishing) {
            const idx = publishing.stream.channels.get(channel);
            if (idx === undefined) continue;
            const isRtcp = channel % 2 === 1;
            for (const s of publishing.stream.subscribers) {
              const base = s.channels.get(idx);
              if (!s.playing || base === undefined || s.socket.writableLength > 4 * 1024 * 1024) continue;
              const out = Buffer.from(packet);
              out[1] = base + (isRtcp ? 1 : 0);
              s.socket.write(out);
            }
          }
          continue;
        }
        const headEnd = buf.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buf.toString('latin1', 0, headEnd);
        const lines = head.split('\r\n');
        const [method, uri] = lines[0].split(' ');
        const headers = new Map<string, string>();
        for (const l of lines.slice(1)) {
          const i = l.indexOf(':');
          if (i > 0) headers.set(l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim());
        }
        const bodyLen = Number(headers.get('content-length') ?? 0);
        if (buf.length < headEnd + 4 + bodyLen) return;
        const body = buf.toString('utf8', headEnd + 4, headEnd + 4 + bodyLen);
        buf = buf.subarray(headEnd + 4 + bodyLen);
        const cseq = headers.get('cseq') ?? '0';
        const reply = (status: string, extra: Record<string, string> = {}, content?: string) => {
          const h = [`RTSP/1.0 ${status}`, `CSeq: ${cseq}`, 'Session: 12345678;timeout=60', ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`)];
          if (content !== undefined) h.push(`Content-Length: ${Buffer.byteLength(content)}`);
          socket.write(`${h.join('\r\n')}\r\n\r\n${content ?? ''}`);
        };
        const url = new URL(uri.replace(/^rtsps?:/, 'http:'));
        const segs = url.pathname.split('/').filter(Boolean);
        const streamIdx = (() => {
          const m = /streamid=(\d+)/.exec(url.pathname);
          return m ? Number(m[1]) : 0;
        })();
        const pathName = segs.filter((s) => !s.startsWith('streamid=')).join('/');
        const interleaved = (t: string | undefined) => {
          const m = /interleaved=(\d+)(?:-(\d+))?/.exec(t ?? '');
          return m ? Number(m[1]) : undefined;
        };
        switch (method) {
          case 'OPTIONS':
            reply('200 OK', { Public: 'OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, TEARDOWN' });
            break;
          case 'ANNOUNCE': {
            publishing = { path: pathName, stream: { sdp: body, channels: new Map(), subscribers: new Set() } };
            reply('200 OK');
            break;
          }
          case 'DESCRIBE': {
            const s = streams.get(pathName);
            if (!s) reply('404 Not Found');
            else reply('200 OK', { 'Content-Type': 'application/sdp', 'Content-Base': `${uri.replace(/\/$/, '')}/` }, s.sdp);
            break;
          }
          case 'SETUP': {
            const t = headers.get('transport');
            const ch = interleaved(t);
            if (ch === undefined) {
              reply('461 Unsupported Transport');
              break;
            }
            if (publishing) publishing.stream.channels.set(ch, streamIdx).set(ch + 1, streamIdx);
            else {
              const s = streams.get(pathName);
              if (!s) {
                reply('404 Not Found');
                break;
              }
              subPath = pathName;
              sub.channels.set(streamIdx, ch);
              s.subscribers.add(sub);
            }
            reply('200 OK', { Transport: `RTP/AVP/TCP;unicast;interleaved=${ch}-${ch + 1}` });
            break;
          }
          case 'RECORD':
            if (publishing) {
              streams.set(publishing.path, publishing.stream);
              for (const w of waiters.get(publishing.path) ?? []) w();
              waiters.delete(publishing.path);
            }
            reply('200 OK');
            break;
          case 'PLAY':
            sub.playing = true;
            reply('200 OK', { Range: 'npt=0.000-' });
            break;
          case 'TEARDOWN':
            reply('200 OK');
            socket.end();
            break;
          default:
            reply('501 Not Implemented');
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (p) => `rtsp://127.0.0.1:${port}/${p}`,
    published: (p) =>
      streams.has(p)
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.set(p, [...(waiters.get(p) ?? []), resolve]);
          }),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
