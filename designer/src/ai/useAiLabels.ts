import { computed, onMounted, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { api } from '@/api';
import { showError } from '@/composables/useNotify';
import { aiApi, type AiLabel } from './aiApi';

/** The labels of the caller's tenants (platform + own): colours by English name and the shown name in the UI language. */
export function useAiLabels() {
  const { locale } = useI18n();
  const labels = ref<AiLabel[]>([]);
  onMounted(async () => {
    try {
      labels.value = (await aiApi.labels(api)).items;
    } catch (e) {
      showError(e);
    }
  });
  const colours = computed(() => Object.fromEntries(labels.value.map((l) => [l.nameEn, l.colour])));
  const nameOf = (en: string) => {
    const l = labels.value.find((x) => x.nameEn === en);
    return l && locale.value !== 'en' ? `${l.nameZh} (${l.nameEn})` : en;
  };
  return { labels, colours, nameOf };
}
