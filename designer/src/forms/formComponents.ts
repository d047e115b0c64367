import {
  ArrayCards,
  ArrayCollapse,
  ArrayItems,
  ArrayTable,
  ArrayTabs,
  Cascader,
  Checkbox,
  DatePicker,
  FormButtonGroup,
  FormCollapse,
  FormGrid,
  FormItem,
  FormLayout,
  FormStep,
  FormTab,
  Input,
  InputNumber,
  Password,
  PreviewText,
  Radio,
  Select,
  Space,
  Switch,
  TimePicker,
  Transfer,
  Upload,
} from '@formily/element-plus';
import * as formilyElementPlus from '@formily/element-plus';
import { connect, mapProps } from '@formily/vue';
import type { Component } from 'vue';
import CardLayout from './components/CardLayout.vue';
import CheckInField from './components/CheckInField.vue';
import LocationField from './components/LocationField.vue';
import PhotoField from './components/PhotoField.vue';
import SafeSection from './components/SafeSection.vue';
import ScoredItemField from './components/ScoredItemField.vue';
import SignatureField from './components/SignatureField.vue';

/** Formily passes `value` + listens to `change`; SafeFlow's components use that contract directly. */
const bind = (c: Component) => connect(c, mapProps({ value: 'value', readOnly: 'readOnly' }));

/**
 * Every component a SafeFlow form schema may name in `x-component` /
 * `x-decorator` (the engine's registry: `@safeflow/engine/forms`
 * STANDARD_FORM_COMPONENTS + SAFEFLOW_FORM_COMPONENTS), bound for the
 * browser. The studio preview renders with the same map.
 */
export const formComponents: Record<string, Component> = {
  Input,
  Password,
  InputNumber,
  Select,
  Cascader,
  Radio,
  Checkbox,
  Switch,
  DatePicker,
  TimePicker,
  Transfer,
  Upload,
  PreviewText,
  FormItem,
  // exported by the package but missing from its type declarations
  Editable: (formilyElementPlus as unknown as Record<string, Component>).Editable!,
  FormLayout,
  FormGrid,
  Card: CardLayout,
  Space,
  FormCollapse,
  FormTab,
  FormStep,
  FormButtonGroup,
  ArrayItems,
  ArrayTable,
  ArrayCards,
  ArrayCollapse,
  ArrayTabs,
  SafeSection,
  Photo: bind(PhotoField),
  Signature: bind(SignatureField),
  Location: bind(LocationField),
  CheckIn: bind(CheckInField),
  ScoredItem: bind(ScoredItemField),
};
