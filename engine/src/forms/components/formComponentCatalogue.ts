import { z } from 'zod';
import type { FormSchema } from '../FormSchema';
import { FORM_FORMATS } from '../formats';
import type { FormLocale } from '../validationMessages';
import type { FormComponentRegistry } from './createFormComponentRegistry';
import type { PropertySchema } from './FormComponentDefinition';
import {
  FORM_COMPONENT_GROUPS,
  FORM_COMPONENT_GROUP_TITLES,
  type FormComponentGroup,
  type ValidationRuleName,
} from './FormComponentPalette';

/** One component as the designer's palette and property panel read it (plain JSON). */
export interface FormComponentCatalogueEntry {
  name: string;
  role: 'field' | 'layout' | 'decorator';
  /** Absent for components that are not offered in the palette (decorators, array helpers). */
  group?: FormComponentGroup;
  title?: Record<FormLocale, string>;
  order?: number;
  propertySchema: PropertySchema;
  defaultProps: Record<string, unknown>;
  snippet?: FormSchema;
  accepts?: 'fields' | 'rows';
  rowWrapper?: FormSchema;
  rules: ValidationRuleName[];
  options: boolean;
  /** JSON Schema of the value the server accepts (from the component's zod value schema); absent for layout. */
  valueSchema?: unknown;
  /** Whether the component has its own server validator beyond the value shape. */
  serverValidator: boolean;
}

/** The catalogue of form components: groups in order, components, named formats for `x-validator`. */
export interface FormComponentCatalogue {
  groups: Array<{ key: FormComponentGroup; title: Record<FormLocale, string> }>;
  components: FormComponentCatalogueEntry[];
  formats: string[];
}

function jsonSchemaOf(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any' });
  } catch {
    return undefined;
  }
}

/**
 * Describes every component of `registry` for the designer: palette entries
 * (group, titles, snippet, accepted children, validation rules) for those
 * offered in the palette, sorted by group then order; components without a
 * palette entry follow (valid in schemas, not offered alone). Pure data, safe
 * to serve as JSON.
 */
export function formComponentCatalogue(registry: FormComponentRegistry): FormComponentCatalogue {
  const groupIndex = (g: FormComponentGroup | undefined) => (g ? FORM_COMPONENT_GROUPS.indexOf(g) : FORM_COMPONENT_GROUPS.length);
  const components = registry
    .list()
    .map((c): FormComponentCatalogueEntry => {
      const p = c.palette;
      return {
        name: c.name,
        role: c.role,
        ...(p
          ? {
              group: p.group,
              title: p.title,
              order: p.order,
              snippet: p.snippet,
              ...(p.accepts ? { accepts: p.accepts } : {}),
              ...(p.rowWrapper ? { rowWrapper: p.rowWrapper } : {}),
            }
          : {}),
        propertySchema: c.propertySchema,
        defaultProps: c.defaultProps,
        rules: p?.rules ?? [],
        options: p?.options ?? false,
        ...(c.valueSchema ? { valueSchema: jsonSchemaOf(c.valueSchema) } : {}),
        serverValidator: typeof c.validate === 'function',
      };
    })
    .sort((a, b) => groupIndex(a.group) - groupIndex(b.group) || (a.order ?? 0) - (b.order ?? 0));
  return {
    groups: FORM_COMPONENT_GROUPS.map((key) => ({ key, title: FORM_COMPONENT_GROUP_TITLES[key] })),
    components,
    formats: Object.keys(FORM_FORMATS),
  };
}
