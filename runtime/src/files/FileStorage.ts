import fs from 'node:fs';
import path from 'node:path';

/**
 * Where file contents live: `$DATA_DIR/files/<storage key>`, with uploads in
 * progress under `$DATA_DIR/files/tmp`. Storage keys are made by the server
 * from the file id (`ab/cd/<uuid>`), never from user input.
 */
export class FileStorage {
  readonly root: string;
  readonly tmpDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
    this.tmpDir = path.join(this.root, 'tmp');
  }

  /** The storage key of a new file with id `id` (a uuid). */
  static keyFor(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a uuid: ${id}`);
    return `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
  }

  /** Absolute path of a stored file. */
  pathOf(storageKey: string): string {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(storageKey)) throw new Error(`bad storage key: ${storageKey}`);
    return path.join(this.root, storageKey);
  }

  /** Moves a finished upload into place (directories 0750, file 0640). */
  place(tmpPath: string, storageKey: string): string {
    const target = this.pathOf(storageKey);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o750 });
    fs.renameSync(tmpPath, target);
    fs.chmodSync(target, 0o640);
    return target;
  }
}
