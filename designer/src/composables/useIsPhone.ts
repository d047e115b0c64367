import { onBeforeUnmount, ref, type Ref } from 'vue';

/** Width below which the shell switches to the phone layout (tab bar + drawer). */
export const PHONE_MAX_WIDTH = 768;

/** Reactive "is this a phone-sized viewport" flag (matchMedia). */
export function useIsPhone(): Ref<boolean> {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH - 1}px)`) : null;
  const phone = ref(query ? query.matches : false);
  const update = (e: MediaQueryListEvent | MediaQueryList) => {
    phone.value = e.matches;
  };
  query?.addEventListener?.('change', update);
  onBeforeUnmount(() => query?.removeEventListener?.('change', update));
  return phone;
}
