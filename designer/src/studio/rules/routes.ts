import { Operation } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** Ruleset and LEC editor pages (modeler engineer). */
const pages: AppPage[] = [
  {
    path: '/studio/rules',
    name: 'studio.rules',
    component: () => import('./RulesPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'shell.nav.rules', icon: Operation, section: 'studio', order: 40 },
  },
  {
    path: '/studio/rules/:rulesetKey',
    name: 'studio.rules.edit',
    component: () => import('./RulesetEditorPage.vue'),
    permissions: ['definition.write'],
  },
  {
    path: '/studio/rules/:rulesetKey/lec',
    name: 'studio.rules.lec',
    component: () => import('./LecEditorPage.vue'),
    permissions: ['definition.write'],
  },
];
export default pages;
