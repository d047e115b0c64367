import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { ProcessDefinitionInfo, ProcessExecutor } from '../ports';
import type { ProcessModel } from '../model/ProcessModel';
import { createExecutor } from '../executor/createExecutor';
import { buildProcessModel } from './buildProcessModel';
import { list, type ModdleElement } from './ModdleElement';
import { ParseIssues } from './ParseIssues';

/** What a deployment of one BPMN file yields: one executor per executable process. */
export interface ParsedDeployment {
  processes: Array<{ info: ProcessDefinitionInfo; executor: ProcessExecutor }>;
  warnings: string[];
}

let moddle: BpmnModdle | undefined;

/**
 * Parses and validates BPMN XML into immutable process models, one per
 * executable `<process>` (`isExecutable="false"` processes are skipped with a
 * warning). Throws `SafeFlowError('bpmn.parse', message, { details: { errors:
 * [{ message, line?, column?, elementId? }] } })` listing every problem found:
 * XML errors, unknown elements, unsupported constructs (scripts, Java
 * delegates, listeners, escalation events, ...), missing topics, dangling
 * flows, missing start events, gateways without outgoing flows, invalid timers
 * and invalid `${}` expressions.
 */
export async function parseProcessModels(xml: string): Promise<{ models: ProcessModel[]; warnings: string[] }> {
  const issues = new ParseIssues(xml);
  moddle ??= new BpmnModdle({ camunda });
  let definitions: ModdleElement;
  try {
    const result = await moddle.fromXML(xml);
    definitions = result.rootElement as unknown as ModdleElement;
    for (const w of result.warnings) {
      // Camunda ignores attributes it does not know; a typo there is worth a warning, not a refusal.
      if (w.message.startsWith('unknown attribute')) issues.warn(w.message.split('\n')[0]);
      else issues.errorFromModdle(w.message);
    }
  } catch (err) {
    issues.errorFromModdle((err as Error).message);
    issues.throwIfErrors();
    throw err;
  }
  if (definitions.$type !== 'bpmn:Definitions') issues.error(`The root element must be <definitions>, not ${definitions.$type}`);
  const models: ProcessModel[] = [];
  for (const el of list(definitions, 'rootElements')) {
    if (el.$type !== 'bpmn:Process') continue;
    if (el.isExecutable === false) {
      issues.warn(`Process '${el.id}' is not executable and was skipped`);
      continue;
    }
    const model = buildProcessModel(el, issues);
    if (model) models.push(model);
  }
  if (models.length === 0) issues.error('The file contains no executable process');
  issues.throwIfErrors();
  return { models, warnings: issues.warnings };
}

/**
 * Parses a BPMN file once and returns an executor per executable process;
 * executors are reused across every instance of their definition. Throws as
 * {@link parseProcessModels} does.
 */
export async function parseBpmn(xml: string): Promise<ParsedDeployment> {
  const { models, warnings } = await parseProcessModels(xml);
  return { processes: models.map((model) => ({ info: model.info, executor: createExecutor(model) })), warnings };
}
