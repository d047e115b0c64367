import type { FormSchema } from '@safeflow/engine/forms';
import { testCatalogue } from './model/designerFixture';
import type { FormVersion } from './formsApi';
import { createFormDesignerSession, type FormDesignerSession } from './useFormDesigner';

/** A designer session over `content` (a draft v1), with the real catalogue and a recording draft store, for component tests. */
export function testSession(content: FormSchema = { type: 'object', properties: {} }): FormDesignerSession & { saved: unknown[] } {
  const now = Date.now();
  const version: FormVersion = { version: 1, status: 'draft', content, hash: 'h', note: null, revision: 1, publishedAt: null, updatedAt: now };
  const definition = { id: 'd1', key: 'k', name: '测试表单', orgId: 'o1', latestVersion: 1, publishedVersion: null, revision: 1, updatedAt: now };
  const saved: unknown[] = [];
  const session = createFormDesignerSession('k', testCatalogue, { definition, version, draft: version }, async (_key, input) => {
    saved.push(input);
    return { definition, version: { ...version, content: input.content, revision: (input.revision ?? 0) + 1 } };
  });
  return Object.assign(session, { saved });
}
