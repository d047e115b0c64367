/**
 * Entry of the browser bundle built by `browserParity.test.ts`: exposes the
 * validation corpus runner and a compiler probe on `window`.
 */
import { createForm } from '@formily/core';
import { Schema } from '@formily/json-schema';
import { installSafeCompiler } from './installSafeCompiler';
import { validateSubmission } from './validateSubmission';
import { VALIDATION_CORPUS } from './validationCorpus.fixture';

/** Runs every corpus case in this realm; results are JSON-safe. */
export async function runCorpus(): Promise<Array<{ name: string; result: unknown }>> {
  installSafeCompiler();
  const out = [];
  for (const c of VALIDATION_CORPUS)
    out.push({ name: c.name, result: await validateSubmission(c.schema, c.values) });
  for (const c of VALIDATION_CORPUS.slice(0, 5))
    out.push({
      name: `${c.name} (en)`,
      result: await validateSubmission(c.schema, c.values, { locale: 'en' }),
    });
  return out;
}

/**
 * Renders a field headlessly with Formily and the installed compiler and
 * reports what a schema title became, or the error code raised compiling it.
 */
export function probeTitle(title: string): { title?: unknown; error?: string } {
  installSafeCompiler();
  try {
    const form = createForm({ values: {} });
    const schema = new Schema({ type: 'object', properties: { a: { type: 'string', title } } });
    const field = form.createField({ ...schema.properties!.a!.toFieldProps(), name: 'a' } as never);
    return { title: (field as unknown as { title: unknown }).title };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

/** Builds a field whose reaction carries a `fulfill.run` script; reports the error code. */
export function probeRun(script: string): { error?: string } {
  installSafeCompiler();
  try {
    const form = createForm({ values: { a: 1 } });
    const schema = new Schema({
      type: 'object',
      properties: { a: { type: 'string', 'x-reactions': { fulfill: { run: script } } } },
    });
    form.createField({ ...schema.properties!.a!.toFieldProps(), name: 'a' } as never);
    return {};
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

Object.assign(globalThis, { runCorpus, probeTitle, probeRun });
