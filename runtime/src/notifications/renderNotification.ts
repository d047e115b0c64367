/** A notification as text for channels (the web app renders its own from the same params, in the reader's language). */
export interface RenderedNotification {
  title: string;
  text: string;
}

type Locale = 'zh-CN' | 'en';

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

function nameOf(v: unknown, locale: Locale): string {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return str(locale === 'en' ? (o.en ?? o['zh-CN'] ?? o.zh) : (o['zh-CN'] ?? o.zh ?? o.en));
  }
  if (typeof v === 'string' && v.startsWith('{')) {
    try {
      return nameOf(JSON.parse(v), locale);
    } catch {
      return v;
    }
  }
  return str(v);
}

const TITLES: Record<string, Record<Locale, string>> = {
  assignment: { 'zh-CN': '新任务指派给您', en: 'A task was assigned to you' },
  claimable: { 'zh-CN': '有新的待领取任务', en: 'A new task you can claim' },
  escalation: { 'zh-CN': '督办升级任务', en: 'Escalated task' },
  due_soon: { 'zh-CN': '任务即将到期', en: 'Task due soon' },
  overdue: { 'zh-CN': '任务已逾期', en: 'Task overdue' },
  expiry: { 'zh-CN': '到期提醒', en: 'Expiry reminder' },
};

/** Title and text of a notification of `kind` with `params`, in `locale` (default zh-CN). */
export function renderNotification(kind: string, event: string, params: Record<string, unknown>, locale: Locale = 'zh-CN'): RenderedNotification {
  const title = TITLES[kind]?.[locale] ?? kind;
  if (kind === 'expiry') {
    const what = [nameOf(params.viewName, locale), str(params.label)].filter(Boolean).join(' · ');
    const when = event === 'expired'
      ? (locale === 'en' ? `expired on ${str(params.date)}` : `已于 ${str(params.date)} 到期`)
      : (locale === 'en' ? `expires on ${str(params.date)}` : `将于 ${str(params.date)} 到期`);
    return { title, text: `${what}: ${when}` };
  }
  const task = [str(params.taskName), nameOf(params.processName, locale)].filter(Boolean).join(' · ');
  const due = params.due ? (locale === 'en' ? ` (due ${str(params.due)})` : `（截止 ${str(params.due)}）`) : '';
  return { title, text: `${task}${due}` };
}
