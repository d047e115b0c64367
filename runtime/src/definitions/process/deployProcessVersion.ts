import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../../app/AppDeps';
import type { Tx } from '../../db/Database';
import { engineGatewayOf } from '../../engineGateway/engineGatewayOf';
import type { AuthContext } from '../../http/AuthContext';
import { DataScope } from '../../tenancy/DataScope';
import type { Definition, DefinitionVersion } from '../DefinitionStore';
import { pinFormKeys } from './analyzeProcess';
import type { ProcessContent, ProcessReference, PublishedProcessContent } from './ProcessContent';

/** The engine deployment name of a process definition (one per key and tenant). */
export const deploymentName = (key: string): string => `safeflow:process:${key}`;

/**
 * The deploy step of a process publish, inside the publish's transaction:
 * checks the publisher holds `engine.deploy` where the definition lives (403
 * `process.deploy_forbidden`), pins `@latest` form keys to the versions lint
 * resolved, and deploys the file through the {@link EngineGateway} into the
 * definition's tenant (on SafeFlow's engine in the same transaction; a remote
 * engine is called last, while the transaction is open). Returns the content
 * to store: authored XML, deployed XML, references, deployment.
 */
export async function deployProcessVersion(
  tx: Tx,
  deps: AppDeps,
  auth: AuthContext,
  def: Definition,
  version: number,
  linted: unknown,
): Promise<PublishedProcessContent> {
  if (!DataScope.of(auth, 'engine.deploy').contains(def.orgPath)) {
    throw new SafeFlowError(
      'process.deploy_forbidden',
      `Publishing process '${def.key}' deploys it: that needs engine.deploy in its org`,
      { status: 403 },
    );
  }
  const content = linted as ProcessContent & { references: ProcessReference[] };
  const deployedXml = pinFormKeys(content.xml, content.references);
  const dep = await engineGatewayOf(deps).deploy(
    {
      name: deploymentName(def.key),
      tenantId: def.tenantId,
      resources: [{ name: `${def.key}.v${version}.bpmn`, content: deployedXml }],
    },
    { tx, actor: { actorId: auth.userId, actorName: auth.username } },
  );
  const pd = dep.deployedProcessDefinitions.find((d) => d.key === def.key) ?? null;
  return {
    xml: content.xml,
    deployedXml,
    references: content.references,
    deployment: { id: dep.id, processDefinitionId: pd?.id ?? null, engineVersion: pd?.version ?? null },
  };
}

/**
 * Deploys a stored published version's `deployedXml` again, so the engine's
 * latest definition of the key is that version (after the current one was
 * archived). Same permission and transaction rules as {@link deployProcessVersion}.
 */
export async function redeployProcessVersion(
  tx: Tx,
  deps: AppDeps,
  auth: AuthContext,
  def: Definition,
  version: DefinitionVersion,
): Promise<{ version: number; engineVersion: number | null }> {
  if (!DataScope.of(auth, 'engine.deploy').contains(def.orgPath)) {
    throw new SafeFlowError(
      'process.deploy_forbidden',
      `Archiving process '${def.key}' redeploys its previous version: that needs engine.deploy in its org`,
      { status: 403 },
    );
  }
  const content = version.content as PublishedProcessContent;
  const dep = await engineGatewayOf(deps).deploy(
    {
      name: deploymentName(def.key),
      tenantId: def.tenantId,
      resources: [
        { name: `${def.key}.v${version.version}.bpmn`, content: content.deployedXml ?? content.xml },
      ],
    },
    { tx, actor: { actorId: auth.userId, actorName: auth.username } },
  );
  const pd = dep.deployedProcessDefinitions.find((d) => d.key === def.key);
  return { version: version.version, engineVersion: pd?.version ?? null };
}
