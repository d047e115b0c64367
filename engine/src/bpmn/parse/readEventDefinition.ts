import type { TimerDefinition } from '../ports';
import type { EventDefinitionModel } from '../model/ProcessModel';
import { nextTimerDate } from '../timers';
import { body, child, list, raw, str, type ModdleElement } from './ModdleElement';
import type { ParseIssues } from './ParseIssues';
import { readExpression } from './readExpression';
import { readSignalPayload } from './readSignalPayload';
import { isJuelTemplate } from '../../expression';

const TIMER_KINDS = ['timeDate', 'timeDuration', 'timeCycle'] as const;

function readTimer(def: ModdleElement, issues: ParseIssues, elementId: string): EventDefinitionModel | undefined {
  const present = TIMER_KINDS.filter((k) => child(def, k) !== undefined);
  if (present.length !== 1) {
    issues.error('A timer needs exactly one of timeDate, timeDuration or timeCycle', elementId);
    return undefined;
  }
  const kind = present[0];
  const expression = body(def, kind);
  if (expression === undefined) {
    issues.error(`Timer ${kind} is empty`, elementId);
    return undefined;
  }
  const timer: TimerDefinition = { kind, expression };
  const dynamic = isJuelTemplate(expression);
  if (dynamic) readExpression(expression, issues, elementId, `timer ${kind}`);
  else {
    try {
      nextTimerDate(timer, new Date(0));
    } catch (err) {
      issues.error(`Invalid timer: ${(err as Error).message}`, elementId);
    }
  }
  return { kind: 'timer', timer, dynamic };
}

/**
 * Reads the single event definition of an event (`{ kind: 'none' }` when it
 * has none). Records errors for several definitions and for kinds SafeFlow
 * does not run (escalation, compensation, conditional, link, cancel).
 */
export function readEventDefinition(el: ModdleElement, issues: ParseIssues, elementId: string): EventDefinitionModel | undefined {
  const defs = list(el, 'eventDefinitions');
  if (defs.length === 0) return { kind: 'none' };
  if (defs.length > 1) {
    issues.error('Events with several event definitions are not supported', elementId);
    return undefined;
  }
  const def = defs[0];
  switch (def.$type) {
    case 'bpmn:MessageEventDefinition': {
      const name = raw(child(def, 'messageRef'), 'name');
      return { kind: 'message', messageName: readExpression(name ?? '', issues, elementId, 'message name') };
    }
    case 'bpmn:SignalEventDefinition': {
      const name = raw(child(def, 'signalRef'), 'name');
      if (!name) {
        issues.error('A signal event needs a signalRef to a signal with a name', elementId);
        return undefined;
      }
      return { kind: 'signal', signalName: readExpression(name, issues, elementId, 'signal name'), ...readSignalPayload(def, issues, elementId) };
    }
    case 'bpmn:TimerEventDefinition':
      return readTimer(def, issues, elementId);
    case 'bpmn:ErrorEventDefinition': {
      const error = child(def, 'errorRef');
      return {
        kind: 'error',
        errorCode: str(error, 'errorCode'),
        errorMessage: str(error, 'errorMessage'),
        errorCodeVariable: str(def, 'errorCodeVariable'),
        errorMessageVariable: str(def, 'errorMessageVariable'),
      };
    }
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    default:
      issues.error(`${def.$type.replace('bpmn:', '')} is not supported`, elementId);
      return undefined;
  }
}
