import type { AppDeps } from '../../app/AppDeps';
import type { Tx } from '../../db/Database';
import type { AuthContext } from '../../http/AuthContext';
import { DefinitionService } from '../DefinitionService';
import { DefinitionStore, type Definition, type DefinitionVersion } from '../DefinitionStore';
import type { Queryable } from '../orgContext';
import { analyzeProcess, type ProcessAnalysis } from './analyzeProcess';
import { knownTopicsOf } from './KnownTopics';

/** The result of a publish or install: the definition and its new published version (content: {@link PublishedProcessContent}). */
export interface PublishedProcess {
  definition: Definition;
  version: DefinitionVersion;
}

/**
 * Process definitions (kind `process`, content `{ xml }`) for in-process
 * callers such as the pack installer: every method takes the caller's
 * transaction and actor, so a pack installs its forms, rulesets and
 * processes in one unit of work. Publishing lints (parse + references),
 * pins `@latest` form keys, deploys through the engine gateway in `tx` and
 * records the deployment in the version's content. A throw leaves `tx` to
 * be rolled back by its owner: nothing of the publish stays.
 */
export class ProcessDefinitionService {
  private readonly definitions: DefinitionService;

  constructor(private readonly deps: AppDeps) {
    this.definitions = new DefinitionService(deps);
  }

  /** Publishes (and deploys) the draft of process `key` in the org `orgId` (the actor's single write org when omitted). */
  publish(
    tx: Tx,
    actor: AuthContext,
    input: { key: string; orgId?: string; note?: string },
  ): Promise<PublishedProcess> {
    return this.definitions.publishIn(tx, actor, 'process', input.key, {
      orgId: input.orgId,
      note: input.note,
    });
  }

  /**
   * Creates process `key` in `orgId` (or saves a new draft when it exists
   * there), then publishes and deploys it — all in `tx`.
   */
  async install(
    tx: Tx,
    actor: AuthContext,
    input: { key: string; name: string; orgId: string; xml: string; note?: string },
  ): Promise<PublishedProcess> {
    const existing = await DefinitionStore.byOrg(tx, 'process', input.key, input.orgId);
    const content = { xml: input.xml };
    if (existing)
      await this.definitions.saveDraftIn(tx, actor, 'process', input.key, {
        orgId: input.orgId,
        content,
        name: input.name,
        note: input.note,
      });
    else
      await this.definitions.createIn(tx, actor, 'process', {
        key: input.key,
        name: input.name,
        orgId: input.orgId,
        content,
        note: input.note,
      });
    return this.publish(tx, actor, { key: input.key, orgId: input.orgId, note: input.note });
  }

  /** The publish lint without writing anything: structural issues, resolved and dangling references of `xml` as process `key` owned at `orgPath`. */
  analyze(
    db: Queryable,
    target: { key: string; orgPath: string; tenantId: string },
    xml: string,
  ): Promise<ProcessAnalysis> {
    return analyzeProcess(db, { ...target, knownTopics: knownTopicsOf(this.deps) }, { xml });
  }
}
