import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertCameraFile } from './assertCameraFile';

describe('assertCameraFile', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-camfiles-'));
  const allowed = path.join(root, 'camera-files');
  const uploads = path.join(root, 'files');
  fs.mkdirSync(allowed);
  fs.mkdirSync(uploads);
  fs.writeFileSync(path.join(allowed, 'gate.mp4'), 'x');
  fs.writeFileSync(path.join(uploads, 'secret.png'), 'x');
  fs.symlinkSync(path.join(uploads, 'secret.png'), path.join(allowed, 'link.png'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const check = (p: string) => () => assertCameraFile({ kind: 'file', path: p }, [allowed]);

  it('accepts a file inside an allowed folder and any RTSP source', () => {
    expect(check(path.join(allowed, 'gate.mp4'))).not.toThrow();
    expect(check(path.join(allowed, 'sub', 'not-yet-there.mp4'))).not.toThrow();
    expect(() => assertCameraFile({ kind: 'rtsp', url: 'rtsp://192.0.2.1/s' }, [allowed])).not.toThrow();
  });

  it('refuses paths elsewhere, escapes with .., symbolic links out, relative paths and the folder itself', () => {
    for (const p of [path.join(uploads, 'secret.png'), `${allowed}/../files/secret.png`, path.join(allowed, 'link.png'), 'camera-files/gate.mp4', allowed, '/etc/hostname']) {
      expect(check(p), p).toThrow(expect.objectContaining({ code: 'camera.file_not_allowed', status: 400, details: { allowed: [allowed] } }));
    }
  });
});
