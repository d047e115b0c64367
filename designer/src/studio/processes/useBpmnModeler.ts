import { markRaw, onBeforeUnmount, ref, shallowRef, type Ref } from 'vue';
import Modeler from 'bpmn-js/lib/Modeler';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import type { DiagramElement, ModdleFactory, ModelingCommands, PropsContext } from './bpmn/camundaProps';

interface CommandStack {
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
}
interface Canvas {
  addMarker(el: DiagramElement | string, cls: string): void;
  removeMarker(el: DiagramElement | string, cls: string): void;
  scrollToElement(el: DiagramElement): void;
  zoom(level: string | number): void;
  getRootElement(): DiagramElement;
}
interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
}
interface Selection {
  select(el: DiagramElement | null): void;
}

/**
 * A bpmn-js Modeler (with the Camunda moddle extension; CSS from
 * node_modules) bound to a container: the selected element, a change
 * counter for the properties panel, a dirty flag, and the services the page
 * uses (modeling commands, command stack, canvas markers, selection).
 */
export function useBpmnModeler(container: Ref<HTMLElement | undefined>) {
  const modeler = shallowRef<Modeler>();
  const selected = shallowRef<DiagramElement | null>(null);
  const tick = ref(0);
  const dirty = ref(false);
  const canUndo = ref(false);
  const canRedo = ref(false);

  function get<T>(name: string): T {
    return modeler.value!.get(name) as T;
  }

  /** Creates the modeler (once) and imports `xml`; the import itself is not a change. */
  async function open(xml: string): Promise<string[]> {
    if (!modeler.value) {
      const m = new Modeler({ container: container.value!, moddleExtensions: { camunda } });
      modeler.value = markRaw(m);
      m.on('selection.changed', (e: { newSelection: DiagramElement[] }) => {
        selected.value = e.newSelection.length === 1 ? markRaw(e.newSelection[0]!) : null;
      });
      m.on('elements.changed', () => {
        tick.value++;
      });
      m.on('commandStack.changed', () => {
        dirty.value = true;
        const cs = get<CommandStack>('commandStack');
        canUndo.value = cs.canUndo();
        canRedo.value = cs.canRedo();
      });
    }
    const { warnings } = await modeler.value.importXML(xml);
    get<Canvas>('canvas').zoom('fit-viewport');
    dirty.value = false;
    selected.value = null;
    tick.value++;
    return warnings.map((w: unknown) => String((w as { message?: string }).message ?? w));
  }

  /** The current XML. */
  async function save(): Promise<string> {
    const { xml } = await modeler.value!.saveXML({ format: true });
    return xml!;
  }

  /** The context the properties panel writes through (bpmn-js modeling commands). */
  function propsContext(): PropsContext {
    return { modeling: get<ModelingCommands>('modeling'), moddle: get<ModdleFactory>('moddle') };
  }

  /** Selects an element by id and scrolls it into view; false when it is not on the canvas. */
  function focus(id: string): boolean {
    const el = get<ElementRegistry>('elementRegistry').get(id);
    if (!el) return false;
    get<Selection>('selection').select(el);
    get<Canvas>('canvas').scrollToElement(el);
    return true;
  }

  /** Replaces the marker `cls` on the canvas with the elements `ids`. */
  function mark(cls: string, ids: string[]): void {
    const registry = get<ElementRegistry>('elementRegistry');
    const canvas = get<Canvas>('canvas');
    for (const el of registry.getAll()) canvas.removeMarker(el, cls);
    for (const id of ids) if (registry.get(id)) canvas.addMarker(id, cls);
  }

  const undo = () => get<CommandStack>('commandStack').undo();
  const redo = () => get<CommandStack>('commandStack').redo();

  onBeforeUnmount(() => modeler.value?.destroy());
  return { modeler, selected, tick, dirty, canUndo, canRedo, open, save, propsContext, focus, mark, undo, redo };
}
