import { Camera, CollectionTag, Cpu, EditPen } from '@element-plus/icons-vue';
import type { AppPage } from '@/router/AppPage';

/** AI patrol pages: alarm review (phone), flywheel samples (confirm / fix boxes), datasets and models. */
const pages: AppPage[] = [
  {
    path: '/ai/alarms',
    name: 'ai.alarms',
    module: 'aiPatrol',
    component: () => import('./AlarmReviewPage.vue'),
    permissions: ['task.work'],
    nav: { titleKey: 'ai.nav.alarms', icon: Camera, section: 'workspace', order: 40 },
  },
  {
    path: '/ai/samples',
    name: 'ai.samples',
    module: 'flywheel',
    component: () => import('./SamplesPage.vue'),
    permissions: ['record.write'],
    nav: { titleKey: 'ai.nav.samples', icon: EditPen, section: 'studio', order: 80 },
  },
  {
    path: '/ai/models',
    name: 'ai.models',
    module: 'aiPatrol',
    component: () => import('./ModelsPage.vue'),
    permissions: ['definition.write'],
    nav: { titleKey: 'ai.nav.models', icon: Cpu, section: 'studio', order: 81 },
  },
  {
    path: '/ai/labels',
    name: 'ai.labels',
    module: 'aiPatrol',
    component: () => import('./LabelsPage.vue'),
    permissions: ['definition.read'],
    nav: { titleKey: 'aiLabels.nav', icon: CollectionTag, section: 'studio', order: 82 },
  },
];
export default pages;
