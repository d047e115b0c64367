/**
 * `safeflow:forms/<key>@<version|latest>` → key and version (undefined =
 * latest published); undefined for any other formKey (a Camunda form, an
 * embedded form, none). A task with such a formKey is completed only through
 * validation (`POST /api/v1/tasks/:id/submit`).
 */
export function parseTaskFormKey(formKey: string | null | undefined): { key: string; version?: number } | undefined {
  const m = /^safeflow:forms\/([A-Za-z][A-Za-z0-9_.-]{0,127})@(latest|[1-9]\d{0,8})$/.exec(formKey ?? '');
  if (!m) return undefined;
  return { key: m[1]!, version: m[2] === 'latest' ? undefined : Number(m[2]) };
}
