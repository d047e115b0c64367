import busboy from 'busboy';
import type { Context } from 'koa';
import { invalidRequest } from '../core/EngineRestError';

/** A parsed multipart request: text fields and files (as UTF-8 text). */
export interface Multipart {
  fields: Record<string, string>;
  files: Array<{ field: string; filename: string; content: string }>;
}

/** Reads `multipart/form-data` (deployments) with limits; 400 InvalidRequestException for anything else. */
export function readMultipart(ctx: Context, limits = { fileSize: 10 * 1024 * 1024, files: 100 }): Promise<Multipart> {
  const type = ctx.get('content-type');
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(invalidRequest('deployment.not_multipart', `Expected multipart/form-data, got '${type || 'none'}'`));
  }
  return new Promise((resolve, reject) => {
    const out: Multipart = { fields: {}, files: [] };
    let failed: Error | undefined;
    const bb = busboy({ headers: ctx.req.headers, limits: { fileSize: limits.fileSize, files: limits.files, fields: 50 } });
    bb.on('field', (name, value) => {
      out.fields[name] = value;
    });
    bb.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failed = invalidRequest('deployment.too_large', `Resource '${info.filename}' exceeds ${limits.fileSize} bytes`);
      });
      stream.on('close', () => {
        out.files.push({ field, filename: info.filename || field, content: Buffer.concat(chunks).toString('utf8') });
      });
    });
    bb.on('error', (err) => reject(invalidRequest('deployment.bad_multipart', `Malformed multipart body: ${(err as Error).message}`)));
    bb.on('close', () => (failed ? reject(failed) : resolve(out)));
    ctx.req.pipe(bb);
  });
}
