import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { api } from '@/api';
import { errorMessage } from '@/api/errorMessage';

/**
 * An object URL of an API resource fetched with the bearer token (an <img
 * src> cannot send it). Revoked when the path changes or the component goes.
 */
export function useAuthedBlobUrl(path: Ref<string | undefined>): { url: Ref<string | undefined>; error: Ref<string | undefined> } {
  const url = ref<string>();
  const error = ref<string>();
  let current: string | undefined;
  const release = () => {
    if (current) URL.revokeObjectURL(current);
    current = undefined;
  };
  watch(
    path,
    async (p) => {
      release();
      url.value = undefined;
      error.value = undefined;
      if (!p) return;
      try {
        const { blob } = await api.download(p);
        if (path.value !== p) return;
        current = URL.createObjectURL(blob);
        url.value = current;
      } catch (e) {
        error.value = errorMessage(e);
      }
    },
    { immediate: true },
  );
  onBeforeUnmount(release);
  return { url, error };
}
