import type { ExpressionModel, VariableMappingModel } from '../model/ProcessModel';
import { bool, extensions, raw, type ModdleElement } from './ModdleElement';
import type { ParseIssues } from './ParseIssues';
import { readMappings } from './readCamunda';
import { readExpression } from './readExpression';

/** What a `signalEventDefinition` carries for a throw: `camunda:async`, `camunda:in` variables and business key. */
export interface SignalPayloadModel {
  async?: boolean;
  inputs?: VariableMappingModel[];
  businessKey?: ExpressionModel;
}

/**
 * Reads `camunda:async` and the `camunda:in` extension elements of a
 * `signalEventDefinition` (Camunda reads them for throw events only; on a
 * catch they are ignored). Returns only what is present, so catch events keep
 * their small model.
 */
export function readSignalPayload(
  def: ModdleElement,
  issues: ParseIssues,
  elementId: string,
): SignalPayloadModel {
  const out: SignalPayloadModel = {};
  if (bool(def, 'async')) out.async = true;
  const ins = extensions(def, 'camunda:In');
  if (ins.length === 0) return out;
  out.inputs = readMappings(def, 'camunda:In', issues, elementId);
  const businessKey = raw(
    ins.find((m) => raw(m, 'businessKey') !== undefined),
    'businessKey',
  );
  if (businessKey !== undefined)
    out.businessKey = readExpression(businessKey, issues, elementId, 'camunda:in businessKey');
  return out;
}
