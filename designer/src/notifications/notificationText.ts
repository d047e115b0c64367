import type { AppNotification } from './notificationsApi';

type T = (key: string, named?: Record<string, unknown>) => string;

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

/** A name stored as `{zh-CN, en}` / `{zh, en}` (or its JSON text), in the reader's language. */
export function localName(v: unknown, locale: string): string {
  let o = v;
  if (typeof v === 'string' && v.startsWith('{')) {
    try {
      o = JSON.parse(v);
    } catch {
      return v;
    }
  }
  if (o && typeof o === 'object') {
    const m = o as Record<string, unknown>;
    return str(locale === 'en' ? (m.en ?? m['zh-CN'] ?? m.zh) : (m['zh-CN'] ?? m.zh ?? m.en));
  }
  return str(o);
}

/** Title and one-line body of a notification, from its kind and params, in the UI's language. */
export function notificationText(n: AppNotification, t: T, locale: string, fmt: (iso: string) => string): { title: string; body: string } {
  const p = n.params;
  const title = t(`notifications.kind.${n.kind}`);
  if (n.kind === 'expiry') {
    const what = [localName(p.viewName, locale), str(p.label)].filter(Boolean).join(' · ');
    return { title, body: t(n.event === 'expired' ? 'notifications.body.expired' : 'notifications.body.expiring', { what, date: str(p.date) }) };
  }
  const task = [str(p.taskName), localName(p.processName, locale)].filter(Boolean).join(' · ');
  return { title, body: p.due ? t('notifications.body.taskDue', { task, due: fmt(str(p.due)) }) : task };
}
