// The WAL checkpointer's thread (see WalCheckpointer.ts): its own connection to
// the SQLite file, a PASSIVE checkpoint every `intervalMs` and on request.
import { parentPort, workerData } from 'node:worker_threads';
import { setInterval, clearInterval } from 'node:timers';
import Sqlite from 'better-sqlite3';

const { file, intervalMs } = workerData;
const db = new Sqlite(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');

/** [busy, frames in the WAL, frames checkpointed] of a PASSIVE checkpoint (copies what it can, never waits). */
function checkpoint() {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)');
  return [Number(row.busy), Number(row.log), Number(row.checkpointed)];
}

const timer = setInterval(() => {
  try {
    checkpoint();
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String(err?.message ?? err) });
  }
}, intervalMs);

parentPort.on('message', (msg) => {
  if (msg?.type === 'checkpoint') {
    try {
      parentPort.postMessage({ type: 'checkpointed', id: msg.id, result: checkpoint() });
    } catch (err) {
      parentPort.postMessage({ type: 'checkpointed', id: msg.id, error: String(err?.message ?? err) });
    }
  } else if (msg?.type === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
