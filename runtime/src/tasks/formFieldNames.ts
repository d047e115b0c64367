/** The top-level value names of a form schema (void containers are looked through). */
export function formFieldNames(schema: unknown): string[] {
  const out: string[] = [];
  const walk = (s: unknown) => {
    const props = (s as { properties?: Record<string, unknown> } | null)?.properties;
    if (!props || typeof props !== 'object') return;
    for (const [name, child] of Object.entries(props)) {
      if ((child as { type?: string })?.type === 'void') walk(child);
      else out.push(name);
    }
  };
  walk(schema);
  return out;
}
