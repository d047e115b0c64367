import type { z } from 'zod';
import type { FormLocale } from '../validationMessages';
import type { ServerValidationContext } from '../ServerValidationContext';
import type { FormComponentPalette } from './FormComponentPalette';

/** A finding of a component validator; `path` is relative to the field's value (e.g. `photos.0`). */
export interface ComponentIssue {
  code: string;
  params?: Record<string, unknown>;
  path?: string;
}

/** What a component validator receives besides value and props. */
export interface ComponentValidationContext {
  locale: FormLocale;
  /** Present on the server only. */
  server?: ServerValidationContext;
}

/**
 * A JSON Schema object describing a component's properties (drives the
 * designer's property panel). Each property may carry `title` (zh-CN),
 * `x-title-en`, `enum` with `x-enum-labels` (`{ value: { 'zh-CN', en } }`)
 * and `x-editor` (`textarea`, `color`, `dictionary`) as hints for the panel.
 */
export type PropertySchema = Record<string, unknown>;

/**
 * One form component, registered once for the designer, the renderer and the
 * server. `role` says where it may appear: `field` (holds a value),
 * `layout` (void containers and array helpers) or `decorator` (`x-decorator`).
 */
export interface FormComponentDefinition {
  name: string;
  role: 'field' | 'layout' | 'decorator';
  /** Shape of the value on the server; parsed values (unknown keys stripped) are what gets stored. Absent for layout/decorators. */
  valueSchema?: z.ZodType;
  /** JSON Schema of `x-component-props`. */
  propertySchema: PropertySchema;
  defaultProps: Record<string, unknown>;
  /** How the designer offers it (group, titles, inserted snippet, validation rules); absent = not in the palette. */
  palette?: FormComponentPalette;
  /**
   * Server-and-browser checks of a non-empty value that already passed
   * `valueSchema`. Checks needing `ctx.server` must skip when it is absent.
   * May answer synchronously (an array) when nothing needs awaiting.
   */
  validate?(
    value: unknown,
    props: Record<string, unknown>,
    ctx: ComponentValidationContext,
  ): ComponentIssue[] | Promise<ComponentIssue[]>;
}
