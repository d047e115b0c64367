import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../../app/AppDeps';
import type { Tx } from '../../db/Database';
import { engineGatewayOf } from '../../engineGateway/engineGatewayOf';
import type { AuthContext } from '../../http/AuthContext';
import { DataScope } from '../../tenancy/DataScope';
import type { Definition } from '../DefinitionStore';
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
    { tx },
  );
  const pd = dep.deployedProcessDefinitions.find((d) => d.key === def.key) ?? null;
  return {
    xml: content.xml,
    deployedXml,
    references: content.references,
    deployment: { id: dep.id, processDefinitionId: pd?.id ?? null, engineVersion: pd?.version ?? null },
  };
}
