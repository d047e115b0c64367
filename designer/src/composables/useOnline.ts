import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Reactive `navigator.onLine`. */
export function useOnline(): Ref<boolean> {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const on = () => (online.value = true);
  const off = () => (online.value = false);
  if (typeof window !== 'undefined') {
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
  }
  onBeforeUnmount(() => {
    window.removeEventListener('online', on);
    window.removeEventListener('offline', off);
  });
  return online;
}
