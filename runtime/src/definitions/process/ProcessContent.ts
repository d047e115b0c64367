import { z } from 'zod';

/** Largest BPMN file a process definition may hold (characters). */
export const MAX_PROCESS_XML = 900_000;

/**
 * The content of a `process` definition as authored: one BPMN 2.0 file
 * (Camunda 7 dialect) whose executable process id is the definition key.
 */
export const ProcessContent = z.object({
  xml: z.string().min(1, 'A process holds its BPMN XML').max(MAX_PROCESS_XML),
});
/** See {@link ProcessContent}. */
export type ProcessContent = z.infer<typeof ProcessContent>;

/** What a process element refers to: a form, ruleset, collection or external-task topic. */
export type ReferenceKind = 'form' | 'ruleset' | 'collection' | 'topic';

/** One reference of a BPMN element, as resolved at publish. */
export interface ProcessReference {
  kind: ReferenceKind;
  key: string;
  /** The BPMN element id that holds the reference. */
  element: string;
  /** Forms and rulesets: the published version resolved (a form's `@latest` is pinned to it). */
  version?: number;
}

/** A reference that does not resolve, and why. */
export interface DanglingReference extends ProcessReference {
  reason: 'not_found' | 'not_published' | 'version_not_found' | 'unknown_topic';
  message: string;
}

/** The content of a published process version: the authored XML plus what publish resolved and deployed. */
export interface PublishedProcessContent extends ProcessContent {
  /** The XML sent to the engine: `safeflow:forms/<key>@latest` pinned to `@<version>`. */
  deployedXml: string;
  references: ProcessReference[];
  deployment: { id: string; processDefinitionId: string | null; engineVersion: number | null };
}
