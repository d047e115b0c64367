import { z } from 'zod';
import { createDefaultFormComponentRegistry, formComponentCatalogue, type FormComponentRegistry } from '@safeflow/engine/forms';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute, type AnyRoute } from '../http/defineRoute';
import { DefinitionService } from '../definitions/DefinitionService';
import { DefinitionStore, type Definition } from '../definitions/DefinitionStore';

const Localised = z.object({ 'zh-CN': z.string(), en: z.string() });

/** One form component of the catalogue (see the engine's `formComponentCatalogue`). */
const ComponentOut = z.object({
  name: z.string(),
  role: z.enum(['field', 'layout', 'decorator']),
  group: z.string().optional(),
  title: Localised.optional(),
  order: z.number().optional(),
  propertySchema: z.record(z.string(), z.unknown()),
  defaultProps: z.record(z.string(), z.unknown()),
  snippet: z.record(z.string(), z.unknown()).optional(),
  accepts: z.enum(['fields', 'rows']).optional(),
  rowWrapper: z.record(z.string(), z.unknown()).optional(),
  rules: z.array(z.string()),
  options: z.boolean(),
  valueSchema: z.unknown().optional(),
  serverValidator: z.boolean(),
});

const DefinitionRef = z.object({
  key: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgPath: z.string(),
  latestVersion: z.number(),
  publishedVersion: z.number().nullable(),
});

const I18n = z.object({ zh: z.string(), en: z.string() }).partial();

function ref(d: Definition): z.infer<typeof DefinitionRef> {
  return { key: d.key, name: d.name, orgId: d.orgId, orgPath: d.orgPath, latestVersion: d.latestVersion, publishedVersion: d.publishedVersion };
}

/** The nearest definition per key (the caller's own variant over an inherited one), as the pickers list them. */
function nearestPerKey(defs: Definition[]): Definition[] {
  const byKey = new Map<string, Definition>();
  for (const d of defs) {
    const seen = byKey.get(d.key);
    if (!seen || d.orgPath.length > seen.orgPath.length) byKey.set(d.key, d);
  }
  return [...byKey.values()];
}

/**
 * `/api/v1/catalogue/*` — what the Studio's designers pick from:
 * `form-components` (the one component registry: palette group, zh-CN/en
 * titles, property schema, snippet, validation rules, value schema and
 * whether a server validator runs), `collections` (published fields and
 * states, for form ↔ collection bindings and ledger views) and `rulesets`
 * (keys and versions, for the modeler's `rules` task and scoring).
 */
export function catalogueRoutes(deps: AppDeps, registry: FormComponentRegistry = createDefaultFormComponentRegistry()): AnyRoute[] {
  const definitions = new DefinitionService(deps);
  const tags = ['catalogue'];
  const catalogue = formComponentCatalogue(registry);
  return [
    defineRoute({
      method: 'get', path: '/catalogue/form-components', summary: 'Form components for the designer: palette groups, property schemas, snippets, validation rules, value schemas', tags,
      permission: 'definition.read',
      response: z.object({
        groups: z.array(z.object({ key: z.string(), title: Localised })),
        components: z.array(ComponentOut),
        formats: z.array(z.string()),
      }),
      handler: async () => catalogue,
    }),
    defineRoute({
      method: 'get', path: '/catalogue/collections', summary: 'Collections the caller may bind forms and views to, with the fields and states of their published version', tags,
      permission: 'definition.read',
      response: z.object({
        items: z.array(DefinitionRef.extend({
          fields: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean(), title: I18n.optional(), enum: z.array(z.string()).optional() })),
          states: z.array(z.object({ key: z.string(), name: I18n })),
          formKey: z.string().nullable(),
        })),
      }),
      handler: async ({ auth }) => {
        const items = [];
        for (const d of nearestPerKey(await definitions.list(auth, 'collection'))) {
          const v = d.publishedVersion ? await DefinitionStore.version(deps.db, d.id, d.publishedVersion) : undefined;
          const c = (v?.content ?? {}) as { fields?: Record<string, { type: string; required?: boolean; title?: { zh?: string; en?: string }; enum?: string[] }>; states?: Array<{ key: string; name: { zh?: string; en?: string } }>; formKey?: string };
          items.push({
            ...ref(d),
            fields: Object.entries(c.fields ?? {}).map(([name, f]) => ({ name, type: f.type, required: f.required === true, ...(f.title ? { title: f.title } : {}), ...(f.enum ? { enum: f.enum } : {}) })),
            states: c.states ?? [],
            formKey: c.formKey ?? null,
          });
        }
        return { items };
      },
    }),
    defineRoute({
      method: 'get', path: '/catalogue/rulesets', summary: 'Rulesets the caller may use (nearest variant per key) with their versions', tags,
      permission: 'definition.read',
      response: z.object({ items: z.array(DefinitionRef) }),
      handler: async ({ auth }) => ({ items: nearestPerKey(await definitions.list(auth, 'ruleset')).map(ref) }),
    }),
  ];
}
