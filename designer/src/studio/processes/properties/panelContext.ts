import type { InjectionKey, Ref } from 'vue';
import type { DiagramElement, PropsContext } from '../bpmn/camundaProps';
import type { DefinitionSummary, TaskType } from '../processApi';

/** What every properties section needs: the write context, a change counter and the pick lists. */
export interface PanelContext {
  ctx: PropsContext;
  /** Bumped on every bpmn-js `elements.changed`, so sections re-read the business object. */
  tick: Ref<number>;
  forms: Ref<DefinitionSummary[]>;
  rulesets: Ref<DefinitionSummary[]>;
  collections: Ref<DefinitionSummary[]>;
  roles: Ref<Array<{ key: string; nameZh: string; nameEn: string }>>;
  taskTypes: Ref<TaskType[]>;
  taskTypesFallback: Ref<boolean>;
}

/** Provided by the modeler page, injected by the sections. */
export const PANEL: InjectionKey<PanelContext> = Symbol('safeflow.propertiesPanel');

/** Props of every section: the selected element. */
export interface SectionProps {
  element: DiagramElement;
}
