import type { ActivityModel } from '../model/ProcessModel';
import type { ActivityDraft } from './buildActivity';
import type { ParseIssues } from './ParseIssues';

/**
 * Validates event sub-processes (`<subProcess triggeredByEvent="true">`) and
 * links each one's start event to the scope that hosts it: the enclosing
 * sub-process's `eventSubProcessStarts`, or, for event sub-processes directly
 * in the process, the returned list (undefined when there are none). Rules
 * (Camunda 7): no sequence flows in or out, no boundary events, no
 * multi-instance, exactly one start event with a timer, message, signal or
 * error definition (checked when the event is read); error start events must
 * be interrupting; one scope cannot have two message start events with the
 * same message name.
 */
export function linkEventSubProcesses(
  drafts: Map<string, ActivityDraft>,
  issues: ParseIssues,
): ActivityModel[] | undefined {
  let processLevel: ActivityModel[] | undefined;
  const messagesByScope = new Map<string, Set<string>>();
  for (const esp of drafts.values()) {
    if (!esp.triggeredByEvent) continue;
    if (esp.incoming.length > 0 || esp.outgoing.length > 0)
      issues.error(`Event sub-process '${esp.id}' cannot have incoming or outgoing sequence flows`, esp.id);
    if (esp.boundaryEvents.length > 0)
      issues.error(`Event sub-process '${esp.id}' cannot have boundary events`, esp.id);
    if (esp.multiInstance) issues.error(`Event sub-process '${esp.id}' cannot be multi-instance`, esp.id);
    const starts = [...drafts.values()].filter((d) => d.containerId === esp.id && d.kind === 'startEvent');
    if (starts.length !== 1) {
      issues.error(
        `Event sub-process '${esp.id}' needs exactly one start event (has ${starts.length})`,
        esp.id,
      );
      continue;
    }
    const start = starts[0];
    esp.initialId = start.id;
    const event = start.event;
    if (!event || event.kind === 'none' || event.kind === 'terminate') continue;
    if (event.kind === 'error' && start.isInterrupting === false)
      issues.error(
        `Error start event '${start.id}' of event sub-process '${esp.id}' must be interrupting`,
        start.id,
      );
    const scopeKey = esp.containerId ?? '';
    if (event.kind === 'message' && !event.messageName.dynamic) {
      const seen = messagesByScope.get(scopeKey) ?? new Set<string>();
      if (seen.has(event.messageName.source)) {
        issues.error(
          `Cannot have more than one message event subscription with name '${event.messageName.source}' for scope '${esp.containerId ?? 'process'}'`,
          start.id,
        );
      }
      seen.add(event.messageName.source);
      messagesByScope.set(scopeKey, seen);
    }
    if (esp.containerId === undefined) (processLevel ??= []).push(start);
    else {
      const scope = drafts.get(esp.containerId);
      if (scope) scope.eventSubProcessStarts = [...(scope.eventSubProcessStarts ?? []), start];
    }
  }
  return processLevel;
}
