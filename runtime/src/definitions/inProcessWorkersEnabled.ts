/**
 * Whether this node runs SafeFlow's built-in external-task workers (`rules`,
 * `records`) in-process. `SAFEFLOW_INPROCESS_WORKERS=true|false` decides;
 * unset, they run — except under the test runner (vitest sets `VITEST`),
 * where other suites use the same topic names with their own clients, so a
 * test that wants the built-in workers sets the variable to `true`.
 * (To become a `Config` field when the config module grows one.)
 */
export function inProcessWorkersEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const v = env.SAFEFLOW_INPROCESS_WORKERS;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return !env.VITEST;
}
