import type { VariableMap } from '@safeflow/engine/bpmn';
import type { Tx } from '../../db/Database';
import type { AuthContext } from '../../http/AuthContext';
import type { DefinitionCache } from '../persistence/DefinitionCache';
import type { UserTaskRow } from '../persistence/rows';

/**
 * Validates the values of a task whose formKey is a SafeFlow form when it is
 * completed through `/engine-rest` (complete / submit-form): throws a 400
 * error with the form's messages when they are invalid; otherwise returns the
 * work to do in the completion's transaction (store the submission), which
 * answers the variables to complete with (the cleaned values and `submissionId`).
 */
export type FormGuard = (req: {
  auth: AuthContext;
  task: UserTaskRow;
  form: { key: string; version?: number };
  variables: VariableMap;
  locale: string;
}) => Promise<(tx: Tx) => Promise<VariableMap>>;

/** Long-lived engine services commands use (one set per runtime node). */
export interface EngineServices {
  definitions: DefinitionCache;
  /** Called after commit with the topics that got fetchable tasks. */
  onTopicsChanged(topics: string[]): void;
  /** Called after commit when a job may be due. */
  onJobsChanged(): void;
  /** A lock that expires this many times without a report turns into an incident. */
  maxLockExpiries: number;
  /** Set by the submissions module; without it a SafeFlow-form task cannot be completed through `/engine-rest` at all (400). */
  formGuard?: FormGuard;
}
