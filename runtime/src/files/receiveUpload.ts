import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Context } from 'koa';
import { SafeFlowError } from '@safeflow/engine/errors';

/** Room allowed for multipart boundaries and form fields above the file size limit. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** One uploaded file, streamed to a temporary file while hashed. */
export interface ReceivedUpload {
  /** The temporary file (mode 0640); the caller moves or removes it. */
  tmpPath: string;
  /** The name the client declared (untrusted; sanitise before use). */
  declaredName: string;
  size: number;
  /** Hex sha256 of the content. */
  sha256: string;
  /** Text fields of the form (first value of each). */
  fields: Record<string, string>;
}

/**
 * Reads a `multipart/form-data` request with exactly one file part named
 * `file`, streaming it to `$tmpDir/<uuid>` while computing its sha256. Never
 * buffers the file in memory.
 *
 * Errors (the temporary file is removed before throwing):
 * `request.unsupported_media_type` (415) for other content types,
 * `file.too_large` (413) above `maxBytes`, `file.missing` (400) without a
 * `file` part, `file.too_many` (400) with more than one, `request.invalid`
 * (400) for malformed multipart.
 */
export async function receiveUpload(ctx: Context, opts: { tmpDir: string; maxBytes: number }): Promise<ReceivedUpload> {
  const contentType = ctx.get('content-type');
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new SafeFlowError(
      'request.unsupported_media_type',
      `Expected Content-Type multipart/form-data, got '${contentType.split(';')[0] || 'none'}'`,
      { status: 415 },
    );
  }
  const declaredLength = Number(ctx.get('content-length') || '0');
  if (declaredLength > opts.maxBytes + MULTIPART_OVERHEAD) throw tooLarge(opts.maxBytes);
  fs.mkdirSync(opts.tmpDir, { recursive: true, mode: 0o750 });

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: ctx.req.headers,
      // busboy flags a file as truncated when it *reaches* fileSize, so allow one byte more and check the size
      limits: { fileSize: opts.maxBytes + 1, files: 1, fields: 20, fieldSize: 4096, parts: 30 },
      // browsers and fetch send the raw UTF-8 name in filename="..."
      defParamCharset: 'utf8',
    });
  } catch (err) {
    throw new SafeFlowError('request.invalid', `Malformed multipart request: ${(err as Error).message}`, { status: 400 });
  }

  const fields: Record<string, string> = {};
  let file: { tmpPath: string; declaredName: string; size: number; truncated: boolean; written: Promise<string> } | undefined;
  let extraFiles = false;

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => {
      if (!(name in fields)) fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        extraFiles = true;
        stream.resume();
        return;
      }
      const tmpPath = path.join(opts.tmpDir, crypto.randomUUID());
      const hash = crypto.createHash('sha256');
      const current = { tmpPath, declaredName: info.filename ?? '', size: 0, truncated: false, written: Promise.resolve('') };
      const hasher = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          current.size += chunk.length;
          cb(null, chunk);
        },
      });
      stream.on('limit', () => {
        current.truncated = true;
      });
      current.written = pipeline(stream, hasher, fs.createWriteStream(tmpPath, { mode: 0o640, flags: 'wx' })).then(() =>
        hash.digest('hex'),
      );
      current.written.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
      file = current;
    });
    parser.on('filesLimit', () => {
      extraFiles = true;
    });
    parser.on('error', (err: Error) =>
      reject(new SafeFlowError('request.invalid', `Malformed multipart request: ${err.message}`, { status: 400 })),
    );
    parser.on('finish', () => resolve());
    ctx.req.on('aborted', () => {
      parser.destroy(new Error('client aborted'));
      reject(new SafeFlowError('request.aborted', 'The client aborted the upload', { status: 400 }));
    });
  });
  ctx.req.pipe(parser);

  try {
    await parsed;
    const f = file as typeof file;
    if (!f) throw new SafeFlowError('file.missing', "The form has no file part named 'file'", { status: 400 });
    const sha256 = await f.written;
    if (f.truncated || f.size > opts.maxBytes) throw tooLarge(opts.maxBytes);
    if (extraFiles) throw new SafeFlowError('file.too_many', 'Upload exactly one file, in the part named \'file\'', { status: 400 });
    return { tmpPath: f.tmpPath, declaredName: f.declaredName, size: f.size, sha256, fields };
  } catch (err) {
    const f = file as typeof file;
    if (f) {
      await f.written.catch(() => undefined);
      fs.rmSync(f.tmpPath, { force: true });
    }
    throw err;
  }
}

function tooLarge(limit: number): SafeFlowError {
  return new SafeFlowError('file.too_large', `The file exceeds the upload limit of ${limit} bytes`, {
    status: 413,
    details: { limit },
  });
}
