import { onBeforeUnmount, onMounted, ref } from 'vue';
import { api } from '@/api';

/** How often the bell asks for the unread count. */
export const UNREAD_POLL_MS = 30_000;

const count = ref(0);
const failed = ref(false);
let inFlight: Promise<void> | undefined;

/** Asks the server for my unread count now (the bell, and pages that just marked some read). */
export function refreshUnread(): Promise<void> {
  // the shell renders for a moment before the router knows the page is the (bare) login page: nobody to ask for yet
  if (!api.loggedIn) return Promise.resolve();
  inFlight ??= api
    .get<{ count: number }>('/notifications/unread-count')
    .then((r) => {
      count.value = r.count;
      failed.value = false;
    })
    .catch(() => {
      failed.value = true; // the bell shows it; a failing poll never pops up a message every 30 s
    })
    .finally(() => (inFlight = undefined));
  return inFlight;
}

/** The unread count, polled every {@link UNREAD_POLL_MS} and whenever the window gets focus or comes back online. */
export function useUnreadCount() {
  let timer: ReturnType<typeof setInterval> | undefined;
  const onFocus = () => void refreshUnread();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void refreshUnread();
  };
  onMounted(() => {
    void refreshUnread();
    timer = setInterval(() => void refreshUnread(), UNREAD_POLL_MS);
    window.addEventListener('focus', onFocus);
    window.addEventListener('online', onFocus);
    document.addEventListener('visibilitychange', onVisible);
  });
  onBeforeUnmount(() => {
    clearInterval(timer);
    window.removeEventListener('focus', onFocus);
    window.removeEventListener('online', onFocus);
    document.removeEventListener('visibilitychange', onVisible);
  });
  return { count, failed };
}
