import { toJS } from '@formily/reactive';

/**
 * Read-only plain views of Formily's expression scope.
 *
 * Formily hands its compiler a scope whose entries are class instances
 * (`$self` is a Field, `$form` a Form) or reactive proxies. SafeFlow's
 * evaluator reads only own properties of plain objects, so the safe compiler
 * exposes each root as a snapshot view: a null-prototype object whose own
 * getters read the live field lazily (so Formily's reactive tracking still
 * sees the reads and re-runs the reaction when they change). Functions
 * (`$observable`, `$effect`, `$memo`, `$props`) are never exposed.
 */

/** The roots the safe compiler resolves; every other name is unknown. */
export const FORMILY_SCOPE_ROOTS = [
  '$self',
  '$form',
  '$values',
  '$deps',
  '$dependencies',
  '$target',
  '$record',
  '$records',
  '$index',
  '$lookup',
] as const;

type AnyRecord = Record<string, unknown>;

function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return toJS(value);
}

function lazyView(getters: Record<string, () => unknown>): AnyRecord {
  const view = Object.create(null) as AnyRecord;
  for (const [key, get] of Object.entries(getters)) {
    Object.defineProperty(view, key, { get: () => plain(get()), enumerable: true, configurable: false });
  }
  return Object.freeze(view);
}

/** A read-only view of a Formily field (or of `$target` state, which may be a plain state object). */
export function fieldView(field: unknown): unknown {
  if (field === null || field === undefined || typeof field !== 'object') return field;
  const f = field as AnyRecord;
  const read = (key: string) => () => f[key];
  return lazyView({
    value: read('value'),
    values: read('values'),
    inputValue: read('inputValue'),
    initialValue: read('initialValue'),
    display: read('display'),
    visible: read('visible'),
    hidden: read('hidden'),
    pattern: read('pattern'),
    editable: read('editable'),
    readOnly: read('readOnly'),
    readPretty: read('readPretty'),
    disabled: read('disabled'),
    required: read('required'),
    title: read('title'),
    description: read('description'),
    dataSource: read('dataSource'),
    componentProps: read('componentProps'),
    index: read('index'),
    path: () => (f.path === undefined || f.path === null ? undefined : String(f.path)),
    address: () => (f.address === undefined || f.address === null ? undefined : String(f.address)),
  });
}

/** A read-only view of a Formily form: its values and a few flags. */
export function formView(form: unknown): unknown {
  if (form === null || form === undefined || typeof form !== 'object') return form;
  const f = form as AnyRecord;
  return lazyView({
    values: () => f.values,
    initialValues: () => f.initialValues,
    pattern: () => f.pattern,
    display: () => f.display,
    valid: () => f.valid,
  });
}

/**
 * Resolves a name of the Formily scope to its safe view. Returns
 * `{ found: false }` for names outside {@link FORMILY_SCOPE_ROOTS} and for
 * roots the scope does not hold.
 */
export function resolveFormilyScopeName(
  scope: AnyRecord,
  name: string,
): { found: true; value: unknown } | { found: false } {
  if (!(FORMILY_SCOPE_ROOTS as readonly string[]).includes(name)) return { found: false };
  if (!(name in scope)) return { found: false };
  const raw = scope[name];
  switch (name) {
    case '$self':
    case '$target':
      return { found: true, value: fieldView(raw) };
    case '$form':
      return { found: true, value: formView(raw) };
    case '$deps':
    case '$dependencies': {
      // Formily builds $deps as an array that may also carry named entries ({ name, source } deps).
      if (Array.isArray(raw)) {
        const named = Object.keys(raw).filter((k) => !/^\d+$/.test(k));
        if (named.length === 0) return { found: true, value: raw.map(plain) };
        const view = Object.create(null) as AnyRecord;
        raw.forEach((v, i) => (view[i] = plain(v)));
        for (const k of named) view[k] = plain((raw as unknown as AnyRecord)[k]);
        view.length = raw.length;
        return { found: true, value: view };
      }
      return { found: true, value: plain(raw) };
    }
    default:
      return { found: true, value: typeof raw === 'function' ? undefined : plain(raw) };
  }
}
