import type { FormSchema } from './FormSchema';
import { validateSubmission } from './validateSubmission';

/** A checklist schema of `n` ScoredItem fields in sections of 20, plus one linkage (a note shown when any item fails). */
export function checklistSchema(n: number): FormSchema {
  const sections: Record<string, FormSchema> = {};
  for (let i = 0; i < n; i++) {
    const section = `section${Math.floor(i / 20)}`;
    sections[section] ??= { type: 'void', 'x-component': 'FormCollapse.Item', properties: {} };
    sections[section].properties![`item${i}`] = {
      type: 'object',
      title: `检查项 ${i}`,
      required: true,
      'x-decorator': 'FormItem',
      'x-component': 'ScoredItem',
      'x-component-props': {
        score: 5,
        weight: 1,
        critical: i % 50 === 0,
        allowNa: true,
        onFail: { requireNote: true, requirePhoto: false },
      },
    };
  }
  return {
    type: 'object',
    properties: {
      ...sections,
      summary: {
        type: 'string',
        'x-component': 'Input.TextArea',
        'x-reactions': {
          dependencies: ['item0'],
          fulfill: { state: { required: "{{$deps[0] && $deps[0].result === 'fail'}}" } },
        },
      },
    },
  };
}

/** A complete, valid submission for {@link checklistSchema}. */
export function checklistValues(n: number): Record<string, unknown> {
  const values: Record<string, unknown> = { summary: '' };
  for (let i = 0; i < n; i++)
    values[`item${i}`] =
      i % 10 === 3
        ? { result: 'fail', note: '问题描述' }
        : i % 10 === 7
          ? { result: 'na' }
          : { result: 'pass' };
  return values;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Validates a 200-item checklist submission 200 times after a warm-up;
 * returns wall-clock p99 and median in ms, plus (in Node) the p99 and median
 * of process CPU time per validation, which stays meaningful on a loaded machine.
 */
export async function benchForms(): Promise<{
  validateP99Ms: number;
  validateMedianMs: number;
  validateP99CpuMs?: number;
  validateMedianCpuMs?: number;
}> {
  const cpu =
    typeof process !== 'undefined' && typeof process.cpuUsage === 'function'
      ? () => process.cpuUsage()
      : undefined;
  const cpuTimes: number[] = [];
  const schema = checklistSchema(200);
  const values = checklistValues(200);
  for (let i = 0; i < 50; i++) await validateSubmission(schema, values);
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const c = cpu?.();
    const t = performance.now();
    const result = await validateSubmission(schema, values);
    times.push(performance.now() - t);
    if (c) {
      const d = process.cpuUsage(c);
      cpuTimes.push((d.user + d.system) / 1000);
    }
    if (!result.valid) throw new Error(`bench submission invalid: ${JSON.stringify(result.errors[0])}`);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    validateP99Ms: round(percentile(times, 99)),
    validateMedianMs: round(percentile(times, 50)),
    ...(cpuTimes.length
      ? {
          validateP99CpuMs: round(percentile(cpuTimes, 99)),
          validateMedianCpuMs: round(percentile(cpuTimes, 50)),
        }
      : {}),
  };
}
