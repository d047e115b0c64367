import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';

/** Content types of the files a Vite build writes. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * CSP of the web app: scripts only from the app itself (no eval — Formily's
 * `new Function` compiler is replaced by SafeFlow's safe one, and this header
 * makes any leftover eval fail loudly), inline style attributes (element-plus
 * positions popovers with them), images from the app, data: and blob: (photo
 * previews), camera streams as blob:.
 */
export const SPA_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the SPA never answers (APIs keep their own 404s). */
const NOT_SPA = /^\/(api|engine-rest)(\/|$)/;

/**
 * Koa middleware serving a built single-page app from `distDir` as the
 * fallback of every other handler: a GET/HEAD that nothing else answered and
 * that is not under `/api` or `/engine-rest` gets the file if it exists
 * (hashed `/assets/*` cached for a year, immutable), else `index.html`
 * (history fallback, `no-cache`). `fallbackHtml` answers when the build is
 * missing.
 */
export function serveSpa(distDir: string, fallbackHtml: () => string): Koa.Middleware {
  const root = path.resolve(distDir);
  return async (ctx, next) => {
    await next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
    if (ctx.body !== undefined && ctx.body !== null) return;
    if (ctx.status !== 404 || NOT_SPA.test(ctx.path)) return;

    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path);
    } catch {
      return;
    }
    const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
    const inside = file === root || file.startsWith(root + path.sep);
    if (inside && file !== root && isFile(file)) {
      const ext = path.extname(file).toLowerCase();
      ctx.type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
      const hashed = rel.startsWith('/assets/');
      ctx.set('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      ctx.set('X-Content-Type-Options', 'nosniff');
      if (ext === '.html') ctx.set('Content-Security-Policy', SPA_CSP);
      ctx.status = 200;
      ctx.body = fs.createReadStream(file);
      return;
    }
    // a missing hashed asset is a 404, not the app (an old index.html must not get HTML for a script)
    if (rel.startsWith('/assets/')) return;
    const index = path.join(root, 'index.html');
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Content-Security-Policy', SPA_CSP);
    ctx.body = isFile(index) ? fs.readFileSync(index) : fallbackHtml();
  };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
