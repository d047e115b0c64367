import { fromTypedValue, toTypedValue, type VariableMap } from '@safeflow/engine/bpmn';
import { readWireVariables, toWireVariables, type WireVariable } from '../engine/core/wireVariables';
import type { GatewayVariables } from './EngineGateway';

/** Plain values → the engine's typed values (String, Integer/Long, Double, Boolean, Date, Json, Null). */
export function toVariableMap(vars: GatewayVariables = {}): VariableMap {
  const out: VariableMap = {};
  for (const [name, value] of Object.entries(vars)) if (value !== undefined) out[name] = toTypedValue(value);
  return out;
}

/** The engine's typed values → plain values (Json parsed, Date as `Date`). */
export function fromVariableMap(map: VariableMap): GatewayVariables {
  const out: GatewayVariables = {};
  for (const [name, tv] of Object.entries(map)) out[name] = fromTypedValue(tv);
  return out;
}

/** Plain values → Camunda 7 wire variables (`{ type, value, valueInfo }`; Json as a JSON string, Date in Camunda's format). */
export function toWire(vars: GatewayVariables = {}): Record<string, WireVariable> {
  return toWireVariables(toVariableMap(vars));
}

/** Camunda 7 wire variables (any capitalisation of the type, or untyped) → plain values. */
export function fromWire(wire: unknown): GatewayVariables {
  return fromVariableMap(readWireVariables(wire).variables);
}
