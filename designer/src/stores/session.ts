import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api';
import { fetchMe, type Me } from '@/api/me';
import type { Viewer } from '@/router/visiblePages';

/**
 * The logged-in user: tokens live in the API client, the profile
 * (memberships, permissions, modules) comes from `GET /api/v1/me`.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const tokenTick = ref(0);

  const loggedIn = computed(() => {
    void tokenTick.value;
    return api.loggedIn;
  });
  const viewer = computed<Viewer | null>(() =>
    me.value ? { permissions: me.value.permissions, platformAdmin: me.value.user.platformAdmin, modules: me.value.modules } : null,
  );

  /** True when the caller holds the permission somewhere (or is a platform admin). */
  function can(permission: string): boolean {
    return !!me.value && (me.value.user.platformAdmin || me.value.permissions.includes(permission));
  }

  async function loadMe(): Promise<Me> {
    me.value = await fetchMe(api);
    return me.value;
  }

  async function login(username: string, password: string): Promise<void> {
    await api.login(username, password);
    tokenTick.value++;
    await loadMe();
  }

  async function logout(): Promise<void> {
    await api.logout();
    clear();
  }

  function clear(): void {
    me.value = null;
    tokenTick.value++;
  }

  return { me, loggedIn, viewer, can, loadMe, login, logout, clear };
});
