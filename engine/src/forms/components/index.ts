export type {
  FormComponentDefinition,
  ComponentIssue,
  ComponentValidationContext,
  PropertySchema,
} from './FormComponentDefinition';
export { createFormComponentRegistry, type FormComponentRegistry } from './createFormComponentRegistry';
export {
  createDefaultFormComponentRegistry,
  defaultFormComponents,
  SAFEFLOW_FORM_COMPONENTS,
} from './defaultFormComponents';
export { STANDARD_FORM_COMPONENTS } from './standardComponents';
export { PhotoComponent, type PhotoProps } from './PhotoComponent';
export { SignatureComponent } from './SignatureComponent';
export { LocationComponent, locationValueSchema } from './LocationComponent';
export { CheckInComponent, checkInValueSchema } from './CheckInComponent';
export {
  ScoredItemComponent,
  scoredItemValueSchema,
  scoredHazardSchema,
  type ScoredItemValue,
  type ScoredItemProps,
} from './ScoredItemComponent';
export { fileRefSchema, type FileRef } from './fileRef';
export { haversineMeters } from './haversineMeters';
export {
  FORM_COMPONENT_GROUPS,
  FORM_COMPONENT_GROUP_TITLES,
  type FormComponentGroup,
  type FormComponentPalette,
  type ValidationRuleName,
} from './FormComponentPalette';
export { STANDARD_PALETTE } from './standardPalette';
export { prop, props } from './prop';
export {
  formComponentCatalogue,
  type FormComponentCatalogue,
  type FormComponentCatalogueEntry,
} from './formComponentCatalogue';
