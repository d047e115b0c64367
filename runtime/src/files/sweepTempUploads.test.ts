import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepTempUploads, TEMP_UPLOAD_MAX_AGE_MS } from './sweepTempUploads';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-sweep-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sweepTempUploads', () => {
  it('removes uploads older than an hour and keeps younger ones', () => {
    // given
    const now = Date.now();
    const old = path.join(dir, 'old');
    const fresh = path.join(dir, 'fresh');
    fs.writeFileSync(old, 'x');
    fs.writeFileSync(fresh, 'y');
    const past = new Date(now - TEMP_UPLOAD_MAX_AGE_MS - 60_000);
    fs.utimesSync(old, past, past);
    // when
    const removed = sweepTempUploads(dir, now);
    // then
    expect(removed).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('treats a missing directory as empty', () => {
    // when
    const removed = sweepTempUploads(path.join(dir, 'nope'), Date.now());
    // then
    expect(removed).toBe(0);
  });
});
