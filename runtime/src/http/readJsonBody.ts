import type { Context } from 'koa';
import { SafeFlowError } from '@safeflow/engine/errors';

/** Default largest JSON body accepted (1 MiB). */
export const DEFAULT_JSON_LIMIT = 1024 * 1024;

/**
 * Reads and parses a JSON request body. Returns `undefined` for an empty body.
 * Accepts `application/json` with any parameters (`; charset=utf-8`).
 * Errors: `request.unsupported_media_type` (415), `request.too_large` (413),
 * `request.invalid_json` (400, with the parser's position in the message).
 */
export async function readJsonBody(ctx: Context, limit = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const declared = Number(ctx.get('content-length') || '0');
  if (declared > limit) throw tooLarge(limit);
  const raw = await readRaw(ctx, limit);
  if (raw === undefined) return undefined;
  const type = (ctx.get('content-type') || '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new SafeFlowError('request.unsupported_media_type', `Expected Content-Type application/json, got '${type || 'none'}'`, {
      status: 415,
    });
  }
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SafeFlowError('request.invalid_json', `Malformed JSON body: ${(err as Error).message}`, { status: 400 });
  }
}

/**
 * The raw bytes of a non-JSON request body (an image a worker stores), at most `limit`
 * (`request.too_large`, 413); `request.empty_body` (400) when there are none.
 */
export async function readRawBody(ctx: Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || '0');
  if (declared > limit) throw tooLarge(limit);
  const raw = await readRaw(ctx, limit);
  if (!raw?.length) throw new SafeFlowError('request.empty_body', 'The request has no body', { status: 400 });
  return raw;
}

/**
 * The request's bytes (undefined when there are none), at most `limit`. Plain
 * 'data'/'end' listeners rather than `for await`: an async iterator per
 * request costs more than reading a small JSON body.
 */
function readRaw(ctx: Context, limit: number): Promise<Buffer | undefined> {
  const req = ctx.req;
  if (req.readableEnded) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        // the rest of the body stays unread: close the connection after answering, so it is not reused mid-body
        ctx.set('Connection', 'close');
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(size === 0 ? undefined : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => {
      done();
      reject(new Error('request closed before its body was read'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function tooLarge(limit: number): SafeFlowError {
  return new SafeFlowError('request.too_large', `Request body exceeds ${limit} bytes`, { status: 413, details: { limit } });
}
