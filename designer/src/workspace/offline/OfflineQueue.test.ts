import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/ApiError';
import { OfflineQueue, type QueuedSubmission, type QueueStorage } from './OfflineQueue';

function memory(): QueueStorage & { saved: QueuedSubmission[] } {
  const s = {
    saved: [] as QueuedSubmission[],
    load: () => JSON.parse(JSON.stringify(s.saved)) as QueuedSubmission[],
    save: (items: QueuedSubmission[]) => {
      s.saved = JSON.parse(JSON.stringify(items));
    },
  };
  return s;
}

function ids() {
  let n = 0;
  return () => `id-${++n}`;
}

describe('OfflineQueue', () => {
  it('sends queued submissions in order and empties the queue', async () => {
    // given
    const calls: string[] = [];
    const q = new OfflineQueue(memory(), async (i) => calls.push(`${i.taskId}:${i.idempotencyKey}`), ids());
    q.enqueue('t1', 'A', { a: 1 });
    q.enqueue('t2', 'B', { b: 2 });
    // when
    const r = await q.sync();
    // then
    expect(calls).toEqual(['t1:id-2', 't2:id-4']);
    expect(r.sent).toHaveLength(2);
    expect(q.list()).toEqual([]);
  });

  it('keeps items and their idempotency keys across network failures, and reuses the key on retry', async () => {
    // given the network is down, then up
    const storage = memory();
    const keys: string[] = [];
    let online = false;
    const submit = async (i: QueuedSubmission) => {
      keys.push(i.idempotencyKey);
      if (!online) throw new ApiError(0, 'network.unreachable', 'Failed to fetch');
    };
    const q = new OfflineQueue(storage, submit, ids());
    q.enqueue('t1', 'A', { a: 1 }, 'key-from-direct-send');
    // when
    const first = await q.sync();
    const reloaded = new OfflineQueue(storage, submit, ids()); // the page was reloaded meanwhile
    online = true;
    const second = await reloaded.sync();
    // then
    expect(first).toEqual({ sent: [], unavailable: true });
    expect(second.sent).toEqual(['id-1']);
    expect(keys).toEqual(['key-from-direct-send', 'key-from-direct-send']);
    expect(reloaded.list()).toEqual([]);
  });

  it('treats a 5xx as "try later", not as a rejection', async () => {
    const q = new OfflineQueue(memory(), async () => {
      throw new ApiError(503, 'http.503', 'Service Unavailable');
    }, ids());
    q.enqueue('t1', 'A', {});
    expect(await q.sync()).toEqual({ sent: [], unavailable: true });
    expect(q.list()[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('stops on a server rejection, keeps the item with the error, and holds back later items', async () => {
    // given the first submission is invalid
    const sent: string[] = [];
    const q = new OfflineQueue(memory(), async (i) => {
      if (i.values.bad) throw new ApiError(400, 'submission.invalid', 'photo: 必填', { errors: [{ path: 'photo', code: 'required', message: '必填' }] });
      sent.push(i.taskId);
    }, ids());
    const bad = q.enqueue('t1', 'A', { bad: true });
    q.enqueue('t2', 'B', { ok: true });
    // when
    const r = await q.sync();
    const again = await q.sync();
    // then
    expect(sent).toEqual([]);
    expect(r.rejected).toMatchObject({ id: bad.id, status: 'rejected', error: { status: 400, code: 'submission.invalid' } });
    expect(again.rejected?.id).toBe(bad.id);
    expect(q.blocked?.id).toBe(bad.id);
    expect(q.list().map((i) => i.status)).toEqual(['rejected', 'pending']);

    // when corrected, it goes out with a NEW key (the body changed), then the next one
    const oldKey = q.list()[0]!.idempotencyKey;
    q.replace(bad.id, { bad: false });
    const fixed = await q.sync();
    expect(q.list()).toEqual([]);
    expect(fixed.sent).toHaveLength(2);
    expect(sent).toEqual(['t1', 't2']);
    expect(oldKey).not.toBe('');
  });

  it('replaces an older queued submission of the same task, and can discard a rejected one', async () => {
    const q = new OfflineQueue(memory(), async () => {
      throw new ApiError(409, 'task.already_claimed', 'claimed');
    }, ids());
    q.enqueue('t1', 'A', { v: 1 });
    q.enqueue('t1', 'A', { v: 2 });
    expect(q.list().map((i) => i.values)).toEqual([{ v: 2 }]);
    const r = await q.sync();
    q.discard(r.rejected!.id);
    expect(q.list()).toEqual([]);
    expect(q.blocked).toBeUndefined();
  });

  it('runs one sync at a time', async () => {
    let calls = 0;
    const q = new OfflineQueue(memory(), async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
    }, ids());
    q.enqueue('t1', 'A', {});
    await Promise.all([q.sync(), q.sync(), q.sync()]);
    expect(calls).toBe(1);
  });
});
