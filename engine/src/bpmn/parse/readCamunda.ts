import type { IoParameterModel, ParameterValueModel, VariableMappingModel } from '../model/ProcessModel';
import { bool, child, extensions, list, raw, str, type ModdleElement } from './ModdleElement';
import type { ParseIssues } from './ParseIssues';
import { readExpression } from './readExpression';

/** `camunda:properties` as a name → value map. */
export function readProperties(el: ModdleElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const props of extensions(el, 'camunda:Properties')) {
    for (const p of list(props, 'values')) {
      const name = str(p, 'name');
      if (name !== undefined) out[name] = raw(p, 'value') ?? '';
    }
  }
  return out;
}

function readParameterValue(param: ModdleElement, issues: ParseIssues, elementId: string, what: string): ParameterValueModel {
  const definition = child(param, 'definition');
  if (definition) {
    switch (definition.$type) {
      case 'camunda:List':
        return { kind: 'list', items: list(definition, 'items').map((item) => readParameterValue(item, issues, elementId, what)) };
      case 'camunda:Map':
        return {
          kind: 'map',
          entries: list(definition, 'entries').map((entry) => ({ key: str(entry, 'key') ?? '', value: readParameterValue(entry, issues, elementId, what) })),
        };
      case 'camunda:Script':
        issues.error(`${what}: script parameters are not supported (SafeFlow runs no scripts)`, elementId);
        return { kind: 'null' };
      default:
        issues.error(`${what}: unsupported parameter definition ${definition.$type}`, elementId);
        return { kind: 'null' };
    }
  }
  const value = raw(param, 'value');
  if (value === undefined || value.trim() === '') return { kind: 'null' };
  return { kind: 'text', text: readExpression(value, issues, elementId, what) };
}

/** `camunda:inputOutput` parameters. */
export function readInputOutput(el: ModdleElement, issues: ParseIssues, elementId: string): { inputs: IoParameterModel[]; outputs: IoParameterModel[] } {
  const inputs: IoParameterModel[] = [];
  const outputs: IoParameterModel[] = [];
  for (const io of extensions(el, 'camunda:InputOutput')) {
    for (const p of list(io, 'inputParameters')) {
      const name = str(p, 'name');
      if (!name) issues.error('camunda:inputParameter needs a name', elementId);
      else inputs.push({ name, value: readParameterValue(p, issues, elementId, `input parameter '${name}'`) });
    }
    for (const p of list(io, 'outputParameters')) {
      const name = str(p, 'name');
      if (!name) issues.error('camunda:outputParameter needs a name', elementId);
      else outputs.push({ name, value: readParameterValue(p, issues, elementId, `output parameter '${name}'`) });
    }
  }
  return { inputs, outputs };
}

/** `camunda:in` / `camunda:out` mappings of a call activity (the businessKey mapping is read separately). */
export function readMappings(el: ModdleElement, type: 'camunda:In' | 'camunda:Out', issues: ParseIssues, elementId: string): VariableMappingModel[] {
  const out: VariableMappingModel[] = [];
  for (const m of extensions(el, type)) {
    if (str(m, 'businessKey') !== undefined) continue;
    const local = bool(m, 'local');
    if (str(m, 'variables') === 'all') {
      out.push({ kind: 'all', local });
      continue;
    }
    const source = str(m, 'source');
    const sourceExpression = raw(m, 'sourceExpression');
    const target = str(m, 'target') ?? source;
    if ((source === undefined && sourceExpression === undefined) || target === undefined) {
      issues.error(`${type === 'camunda:In' ? 'camunda:in' : 'camunda:out'} mapping needs source or sourceExpression and a target`, elementId);
      continue;
    }
    out.push({
      kind: 'single',
      source,
      sourceExpression: sourceExpression === undefined ? undefined : readExpression(sourceExpression, issues, elementId, `${type} sourceExpression`),
      target,
      local,
    });
  }
  return out;
}

/** `camunda:failedJobRetryTimeCycle` text, if any. */
export function readRetryTimeCycle(el: ModdleElement): string | undefined {
  const [cycle] = extensions(el, 'camunda:FailedJobRetryTimeCycle');
  return cycle ? str(cycle, 'body') : undefined;
}

/** Records errors for extension elements SafeFlow cannot honour (they run Java or scripts). */
export function rejectCodeExtensions(el: ModdleElement, issues: ParseIssues, elementId: string): void {
  for (const type of ['camunda:ExecutionListener', 'camunda:TaskListener', 'camunda:Connector']) {
    if (extensions(el, type).length > 0) {
      issues.error(`${type} is not supported: SafeFlow runs no Java, script or expression listeners; use an external task`, elementId);
    }
  }
}
