/**
 * Upload/download benchmark of the files API: `npx tsx bench/files.bench.ts`
 * (SQLite) or with `DATABASE_URL=mysql://...` (a fresh MariaDB database).
 * Prints one JSON line: sequential and 8-way concurrent uploads per second of
 * a 200 KiB photo (with p50/p99 latency), and the time to upload and download
 * one 20 MiB file. Client and server share one process, so the figures
 * include the client's cost.
 */
import crypto from 'node:crypto';
import { sampleFiles } from '../runtime/src/files/sampleFiles';
import { seedMatrix } from '../runtime/src/testing/seedMatrix';
import { startTestServer } from '../runtime/src/testing/startTestServer';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Runs the files benchmark; resolves with its figures. */
export async function benchFiles(opts: { sequential?: number; concurrent?: number } = {}) {
  const sequential = opts.sequential ?? 200;
  const concurrent = opts.concurrent ?? 400;
  const server = await startTestServer({ config: { maxUploadBytes: 64 * 1024 * 1024 } });
  try {
    const mx = await seedMatrix(server, { prefix: 'bench' });
    const token = mx.user('safetyOfficer').token;
    const orgId = mx.orgs.E1.id;
    const upload = async (bytes: Buffer): Promise<string> => {
      const form = new FormData();
      form.append('orgId', orgId);
      form.append('file', new Blob([new Uint8Array(bytes)]), 'photo.png');
      const res = await fetch(server.url + '/api/v1/files', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 201) throw new Error(`upload → ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };
    const photo = Buffer.concat([sampleFiles.png(), crypto.randomBytes(200 * 1024)]);
    for (let i = 0; i < 10; i++) await upload(photo); // warm-up

    const latencies: number[] = [];
    let t0 = performance.now();
    for (let i = 0; i < sequential; i++) {
      const s = performance.now();
      await upload(photo);
      latencies.push(performance.now() - s);
    }
    const sequentialPerSecond = sequential / ((performance.now() - t0) / 1000);

    let started = 0;
    t0 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (started < concurrent) {
          started++;
          await upload(photo);
        }
      }),
    );
    const concurrentPerSecond = concurrent / ((performance.now() - t0) / 1000);

    const big = Buffer.concat([sampleFiles.png(), crypto.randomBytes(20 * 1024 * 1024)]);
    t0 = performance.now();
    const id = await upload(big);
    const upload20MiBMs = performance.now() - t0;
    t0 = performance.now();
    const res = await fetch(`${server.url}/api/v1/files/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    const download20MiBMs = performance.now() - t0;
    if (!bytes.equals(big)) throw new Error('download differs from upload');

    return {
      database: server.runtime.deps.db.dialect,
      photoKiB: Math.round(photo.length / 1024),
      uploadsPerSecond: +sequentialPerSecond.toFixed(1),
      uploadP50Ms: +percentile(latencies, 50).toFixed(1),
      uploadP99Ms: +percentile(latencies, 99).toFixed(1),
      uploadsPerSecond8Concurrent: +concurrentPerSecond.toFixed(1),
      upload20MiBMs: Math.round(upload20MiBMs),
      download20MiBMs: Math.round(download20MiBMs),
    };
  } finally {
    await server.close();
    await server.dropDatabase();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchFiles();
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}
