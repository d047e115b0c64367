import type { CollectionContent } from '../definitions/CollectionContent';
import { dashboardIssues } from '../dashboards/lintDashboard';
import { DashboardContent } from '../dashboards/DashboardContent';
import type { PackIssue, PackKind } from './PackSource';

/**
 * Pack-time checks of a dashboard (a view of `type: "dashboard"`): its shape
 * and the same references as on publish, against the pack's own collections
 * and views; one installed in the tenant but not in the pack satisfies a
 * reference without its fields being checked here (publish checks them).
 */
export async function packDashboardIssues(
  file: string,
  raw: unknown,
  ctx: {
    collection: (key: string) => CollectionContent | undefined;
    view: (key: string) => Record<string, unknown> | undefined;
    has: (kind: PackKind, key: string) => Promise<boolean>;
  },
): Promise<PackIssue[]> {
  const parsed = DashboardContent.safeParse(raw);
  if (!parsed.success) return []; // the definitions lint reports the shape
  const issues = await dashboardIssues(parsed.data, {
    async collection(key) {
      return ctx.collection(key) ?? ((await ctx.has('collection', key)) ? 'unchecked' : undefined);
    },
    async view(key) {
      return ctx.view(key) ?? ((await ctx.has('view', key)) ? 'unchecked' : undefined);
    },
  });
  return issues.map((i) => ({ file, path: `content.${i.path}`, code: i.code, message: i.message }));
}
