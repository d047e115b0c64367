import type { Context, Next } from 'koa';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../../app/AppDeps';
import { authenticateBasic, authenticateBearer } from '../../auth/authenticate';
import type { AuthContext } from '../../http/AuthContext';
import { forbidden } from '../core/EngineRestError';
import { verifyWorkerCredential } from './workerCredentials';

/** Paths a worker credential may call (external tasks, file variables of their tasks, engine info). */
const WORKER_PATHS = /^\/engine-rest\/(external-task(\/|$)|execution\/[^/]+\/localVariables\/[^/]+\/data$|engine$|version$)/;

/**
 * Authentication of `/engine-rest`: HTTP Basic (a worker credential `id:secret`,
 * else a SafeFlow username and password) or Bearer (a SafeFlow access token).
 * No credentials → 401 with `WWW-Authenticate: Basic realm="SafeFlow"`. A
 * worker credential may call only external-task endpoints (403 otherwise).
 * Sets `ctx.state.auth`.
 */
export function engineAuth(deps: AppDeps) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const auth = await authenticate(deps, ctx);
    if (auth.kind === 'worker' && !WORKER_PATHS.test(ctx.path)) {
      throw forbidden(`Worker credential '${auth.username}' may only call external-task endpoints`);
    }
    ctx.state.auth = auth;
    await next();
  };
}

async function authenticate(deps: AppDeps, ctx: Context): Promise<AuthContext> {
  const header = ctx.get('authorization');
  const unauthenticated = (message: string) => new SafeFlowError('auth.unauthenticated', message, { status: 401 });
  if (!header) throw unauthenticated('Authentication required (HTTP Basic or Bearer)');
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return authenticateBearer(deps, value);
  if (!/^basic$/i.test(scheme)) throw unauthenticated(`Unsupported authorization scheme '${scheme}'`);
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthenticated('Malformed Basic credentials');
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const worker = await verifyWorkerCredential(deps.db, user, secret);
  if (worker === null) throw unauthenticated('Wrong worker credential');
  if (worker) return worker;
  // argon2 runs once per (password hash, password) per process: verifyCredentials remembers verified pairs
  return authenticateBasic(deps, user, secret);
}

