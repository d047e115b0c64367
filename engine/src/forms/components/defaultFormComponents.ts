import { CheckInComponent } from './CheckInComponent';
import { createFormComponentRegistry, type FormComponentRegistry } from './createFormComponentRegistry';
import { LocationComponent } from './LocationComponent';
import { PhotoComponent } from './PhotoComponent';
import { ScoredItemComponent } from './ScoredItemComponent';
import { SignatureComponent } from './SignatureComponent';
import { STANDARD_FORM_COMPONENTS } from './standardComponents';

/** SafeFlow's own components (not in `@formily/element-plus`). */
export const SAFEFLOW_FORM_COMPONENTS = [
  PhotoComponent,
  SignatureComponent,
  LocationComponent,
  CheckInComponent,
  ScoredItemComponent,
];

/** A fresh registry holding the standard and SafeFlow components; add plugin components with `register`. */
export function createDefaultFormComponentRegistry(): FormComponentRegistry {
  return createFormComponentRegistry([...STANDARD_FORM_COMPONENTS, ...SAFEFLOW_FORM_COMPONENTS]);
}

let shared: FormComponentRegistry | undefined;

/** The process-wide default registry (built once, lazily). Register extra components on your own registry instead of this one. */
export function defaultFormComponents(): FormComponentRegistry {
  shared ??= createDefaultFormComponentRegistry();
  return shared;
}
