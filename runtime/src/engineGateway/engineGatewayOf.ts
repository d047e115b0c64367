import type { AppDeps } from '../app/AppDeps';
import { engineOf } from '../engine/engine.module';
import type { EngineGateway } from './EngineGateway';
import { LocalEngineGateway } from './LocalEngineGateway';
import { RemoteEngineGateway } from './RemoteEngineGateway';

const gateways = new WeakMap<AppDeps, EngineGateway>();

/**
 * The engine gateway of a runtime (one per deps object): a
 * {@link RemoteEngineGateway} on `config.engineUrl` when `ENGINE_URL` is set,
 * else a {@link LocalEngineGateway} on this runtime's engine module.
 */
export function engineGatewayOf(deps: AppDeps): EngineGateway {
  let gw = gateways.get(deps);
  if (!gw) {
    const c = deps.config;
    gw = c.engineUrl
      ? new RemoteEngineGateway(deps, { baseUrl: c.engineUrl, username: c.engineUsername, password: c.enginePassword, token: c.engineToken, timeoutMs: c.engineTimeoutMs ?? 30_000 })
      : new LocalEngineGateway(deps, engineOf(deps));
    gateways.set(deps, gw);
  }
  return gw;
}
