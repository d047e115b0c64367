import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api';
import { tasksApi } from '@/api/tasks';
import { OfflineQueue, localQueueStorage, type QueuedSubmission, type SyncResult } from '@/workspace/offline/OfflineQueue';

/**
 * The offline outbox as a store: queued submissions (reactive snapshot),
 * sync on demand, when the browser comes back online, and every 30 s while
 * items are pending.
 */
export const useOutboxStore = defineStore('outbox', () => {
  const queue = new OfflineQueue(localQueueStorage(), (item) => tasksApi.submit(api, item.taskId, item.values, item.idempotencyKey));
  const items = ref<QueuedSubmission[]>(queue.list());
  const syncing = ref(false);
  const lastResult = ref<SyncResult>();
  const blocked = computed(() => items.value.find((i) => i.status === 'rejected'));
  const pending = computed(() => items.value.filter((i) => i.status === 'pending').length);
  const refresh = () => (items.value = queue.list());

  async function sync(): Promise<SyncResult> {
    syncing.value = true;
    try {
      lastResult.value = await queue.sync();
      return lastResult.value;
    } finally {
      syncing.value = false;
      refresh();
    }
  }

  function enqueue(taskId: string, title: string, values: Record<string, unknown>, idempotencyKey?: string): QueuedSubmission {
    const item = queue.enqueue(taskId, title, values, idempotencyKey);
    refresh();
    return item;
  }

  function replace(id: string, values: Record<string, unknown>): void {
    queue.replace(id, values);
    refresh();
  }

  function discard(id: string): void {
    queue.discard(id);
    refresh();
  }

  function forTask(taskId: string): QueuedSubmission | undefined {
    return items.value.find((i) => i.taskId === taskId);
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => void sync());
    window.setInterval(() => {
      if (pending.value > 0 && !blocked.value && navigator.onLine) void sync();
    }, 30_000);
  }

  return { items, syncing, lastResult, blocked, pending, sync, enqueue, replace, discard, forTask };
});
