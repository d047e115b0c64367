import type { PathIssue } from './engineAdapters';

/** What the fallback lint needs from the engine libraries. */
export interface FormLintLibs {
  checkExpression(src: string, opts: { dialect: 'formily'; knownRoots?: string[] }): Array<{ code: string; message: string }>;
  knownRoots: readonly string[];
  hasComponent(name: string): boolean;
}

/**
 * A conservative form lint used only while the engine's `lintFormSchema` is
 * not available: every string holding `{{` must be one whole expression
 * that SafeFlow's safe evaluator accepts (so Formily's `new Function`
 * compiler is never reached with anything else), `x-reactions` may not use
 * `fulfill.run` (a script string), and `x-component`/`x-decorator` must be
 * registered components. Paths are dotted schema paths
 * (`properties.note.title`).
 */
export function lintFormFallback(schema: unknown, libs: FormLintLibs): PathIssue[] {
  const issues: PathIssue[] = [];
  const walk = (node: unknown, path: string[]): void => {
    const at = path.join('.');
    if (typeof node === 'string') {
      if (!node.includes('{{')) return;
      const m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(node);
      if (!m || m[1]!.includes('{{') || m[1]!.includes('}}')) {
        issues.push({ path: at, code: 'form.unsafe_expression', message: 'An expression must be one whole {{ ... }} string' });
        return;
      }
      for (const i of libs.checkExpression(m[1]!, { dialect: 'formily', knownRoots: [...libs.knownRoots] })) {
        issues.push({ path: at, code: i.code, message: i.message });
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...path, String(i)]));
      return;
    }
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === 'run' && path.includes('fulfill')) {
          issues.push({ path: [...path, k].join('.'), code: 'form.reaction_run_forbidden', message: 'fulfill.run (script) is not allowed; use state or schema updates' });
          continue;
        }
        if ((k === 'x-component' || k === 'x-decorator') && typeof v === 'string' && !libs.hasComponent(v)) {
          issues.push({ path: [...path, k].join('.'), code: 'form.unknown_component', message: `Unknown form component '${v}'` });
          continue;
        }
        walk(v, [...path, k]);
      }
    }
  };
  walk(schema, []);
  return issues;
}
