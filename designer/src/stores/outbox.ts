import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '@/api';
import { tasksApi } from '@/api/tasks';
import { uploadFile } from '@/forms/fileRef';
import { forgetPhotos, pendingPhotoStore, uploadPendingPhotos } from '@/forms/pendingPhotos';
import { OfflineQueue, localQueueStorage, type QueuedSubmission, type SyncResult } from '@/workspace/offline/OfflineQueue';

/** Sends one queued submission: photos taken offline are uploaded first (each with its own idempotency key), then the submission with the real references. */
async function sendQueued(item: QueuedSubmission): Promise<void> {
  const store = pendingPhotoStore();
  const { values, uploaded } = await uploadPendingPhotos(item.values, store, uploadFile);
  await tasksApi.submit(api, item.taskId, values, item.idempotencyKey);
  await forgetPhotos(store, uploaded);
}

/**
 * The offline outbox as a store: queued submissions (reactive snapshot;
 * photos taken offline wait in IndexedDB and are uploaded before their submission),
 * sync on demand, when the browser comes back online, and every 30 s while
 * items are pending.
 */
export const useOutboxStore = defineStore('outbox', () => {
  const queue = new OfflineQueue(localQueueStorage(), sendQueued);
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
      // the browser said "online" before the network was really there: try again shortly
      if (lastResult.value.unavailable && navigator.onLine) window.setTimeout(() => void sync(), 5_000);
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
    window.addEventListener('online', () => window.setTimeout(() => void sync(), 500));
    window.setInterval(() => {
      if (pending.value > 0 && !blocked.value && navigator.onLine) void sync();
    }, 30_000);
  }

  return { items, syncing, lastResult, blocked, pending, sync, enqueue, replace, discard, forTask };
});
