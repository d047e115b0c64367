import type { CollectionContent } from '../definitions/CollectionContent';
import { viewAggregateIssues } from '../definitions/lintViewAggregate';
import { ViewContent } from '../definitions/ViewContent';
import type { PackIssue, PackKind } from './PackSource';

/**
 * Pack-time checks of an aggregate view (`content.aggregate`): the same as
 * on publish ({@link viewAggregateIssues}), with the pack's own collections
 * and rulesets; one installed in the tenant but not in the pack satisfies a
 * reference without its fields being checked here (publish checks them).
 */
export async function aggregateViewIssues(
  file: string,
  raw: ViewContent,
  ctx: {
    collection: (key: string) => CollectionContent | undefined;
    ruleset: (key: string) => unknown;
    has: (kind: PackKind, key: string) => Promise<boolean>;
  },
): Promise<PackIssue[]> {
  const parsed = ViewContent.safeParse(raw);
  if (!parsed.success) return []; // the definitions lint reports the shape
  const issues = await viewAggregateIssues(parsed.data, {
    async collection(key) {
      return ctx.collection(key) ?? ((await ctx.has('collection', key)) ? 'unchecked' : undefined);
    },
    async rulesetOutputs(key) {
      const r = ctx.ruleset(key) as { outputs?: object } | undefined;
      if (r) return Object.keys(r.outputs ?? {});
      return (await ctx.has('ruleset', key)) ? 'unchecked' : undefined;
    },
  });
  return issues.map((i) => ({ file, path: `content.${i.path}`, code: i.code, message: i.message }));
}
