/** POSTs `body` as JSON; throws with the status and a part of the answer unless 2xx. Returns the parsed JSON answer (or null). */
export async function postJson(url: string, body: unknown, opts: { signal: AbortSignal; headers?: Record<string, string> }): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(opts.headers ?? {}) },
    body: JSON.stringify(body),
    signal: opts.signal,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/** WeCom and DingTalk robots answer 200 with `{errcode, errmsg}`; a non-zero errcode is a failure. */
export function assertRobotOk(answer: unknown, what: string): void {
  const a = answer as { errcode?: unknown; errmsg?: unknown } | null;
  if (a && typeof a.errcode === 'number' && a.errcode !== 0) throw new Error(`${what} errcode ${a.errcode}: ${String(a.errmsg ?? '')}`);
}

/** The message as markdown: bold title, the text, the link when the web app's base URL is known. */
export function markdownOf(m: { title: string; text: string; link: string | null }, baseUrl?: string): string {
  const link = m.link && baseUrl ? `\n\n[${baseUrl.replace(/\/$/, '')}${m.link}](${baseUrl.replace(/\/$/, '')}${m.link})` : '';
  return `**${m.title}**\n\n${m.text}${link}`;
}
