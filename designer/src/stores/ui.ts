import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Language } from 'element-plus/es/locale';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import en from 'element-plus/es/locale/lang/en';
import { i18n, saveLocale, savedLocale, type AppLocale } from '@/i18n';

const EP_LOCALES: Record<AppLocale, Language> = { 'zh-CN': zhCn, en };

/** UI preferences: the language (saved; switches vue-i18n, element-plus and `<html lang>`). */
export const useUiStore = defineStore('ui', () => {
  const locale = ref<AppLocale>(savedLocale());
  const elementLocale = computed(() => EP_LOCALES[locale.value]);

  watch(
    locale,
    (l) => {
      i18n.global.locale.value = l;
      saveLocale(l);
      if (typeof document !== 'undefined') document.documentElement.lang = l;
    },
    { immediate: true },
  );

  function setLocale(l: AppLocale): void {
    locale.value = l;
  }

  return { locale, elementLocale, setLocale };
});
