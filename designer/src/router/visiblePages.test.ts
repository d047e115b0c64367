import { describe, expect, it } from 'vitest';
import type { AppPage } from './AppPage';
import { canSee, navGroups } from './visiblePages';

const comp = () => Promise.resolve({});
const pages: AppPage[] = [
  { path: '/tasks', name: 'w.inbox', component: comp, permissions: ['task.work'], nav: { titleKey: 'a', section: 'workspace', order: 10 } },
  { path: '/ledgers', name: 'w.ledgers', component: comp, permissions: ['record.read'], nav: { titleKey: 'b', section: 'workspace', order: 5 } },
  { path: '/studio/forms', name: 's.forms', component: comp, permissions: ['definition.write'], nav: { titleKey: 'c', section: 'studio', order: 1 } },
  { path: '/admin/tenants', name: 'a.t', component: comp, platformAdmin: true, nav: { titleKey: 'd', section: 'admin', order: 1 } },
  { path: '/tasks/:id', name: 'w.task', component: comp, permissions: ['task.work'] },
  { path: '/ai/alarms', name: 'w.alarms', component: comp, permissions: ['task.work'], module: 'aiPatrol', nav: { titleKey: 'e', section: 'workspace', order: 40 } },
];

describe('role-aware navigation', () => {
  it('shows a worker only the workspace pages their permissions allow, ordered', () => {
    // when
    const groups = navGroups(pages, { permissions: ['task.work', 'record.read'], platformAdmin: false, modules: [] });
    // then
    expect(groups.map((g) => [g.section, g.pages.map((p) => p.name)])).toEqual([['workspace', ['w.ledgers', 'w.inbox']]]);
  });

  it('gives platform admins every section', () => {
    // when
    const groups = navGroups(pages, { permissions: [], platformAdmin: true, modules: [] });
    // then
    expect(groups.map((g) => g.section)).toEqual(['workspace', 'studio', 'admin']);
  });

  it('refuses pages without the permission and anonymous viewers, except public pages', () => {
    expect(canSee(pages[2]!, { permissions: ['task.work'], platformAdmin: false, modules: [] })).toBe(false);
    expect(canSee(pages[3]!, { permissions: ['definition.write'], platformAdmin: false, modules: [] })).toBe(false);
    expect(canSee(pages[0]!, null)).toBe(false);
    expect(canSee({ public: true }, null)).toBe(true);
  });

  it('offers the pages of a module only when a tenant of the viewer has the module (platform admins always)', () => {
    const worker = { permissions: ['task.work'], platformAdmin: false };
    expect(navGroups(pages, { ...worker, modules: ['parkMap'] })[0]!.pages.map((p) => p.name)).toEqual(['w.inbox']);
    expect(navGroups(pages, { ...worker, modules: ['parkMap', 'aiPatrol'] })[0]!.pages.map((p) => p.name)).toEqual(['w.inbox', 'w.alarms']);
    expect(canSee(pages[5]!, { ...worker, modules: [] })).toBe(false);
    expect(canSee(pages[5]!, { permissions: [], platformAdmin: true, modules: [] })).toBe(true);
  });
});
