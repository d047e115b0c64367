/**
 * Whether the demo processes are started (with SEED_DEMO on):
 * `SEED_DEMO_PROCESSES=true|false` decides; unset, they are — except under
 * the test runner (vitest sets `VITEST`), where suites that count demo
 * records or tasks would see them, so a test that wants them sets `true`.
 */
export function demoProcessesEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const v = env.SEED_DEMO_PROCESSES;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return !env.VITEST;
}
