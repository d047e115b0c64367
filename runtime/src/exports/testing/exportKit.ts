/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../seed/demoData';
import type { TestServer } from '../../testing/startTestServer';
import { exportRunnerOf } from '../exports.module';

/** Test helpers over a real server: demo logins, starting an export and waiting for it, downloading bytes, PDF text. */
export function exportKit(server: TestServer) {
  const kit = {
    async login(username: string, password = DEMO_PASSWORD): Promise<string> {
      const res = await server.request('POST', '/api/v1/auth/login', { body: { username, password } });
      expect(res.status, res.text).toBe(200);
      return res.body.accessToken as string;
    },
    /** The org id of the demo org named `name`. */
    async orgId(name: string): Promise<string> {
      const [row] = await server.runtime.deps.db.query<{ id: string }>('SELECT id FROM org WHERE name = ?', [name]);
      if (!row) throw new Error(`no org ${name}`);
      return row.id;
    },
    /** POSTs an export (202 expected) and waits until this node's runner has nothing left to do; returns the job as GET shows it. */
    async run(token: string, kind: string, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<any> {
      const res = await server.request('POST', '/api/v1/exports', { token, body: { kind, params }, headers });
      expect(res.status, res.text).toBe(202);
      await exportRunnerOf(server.runtime.deps).idle();
      const job = await server.request('GET', `/api/v1/exports/${res.body.id}`, { token });
      expect(job.status, job.text).toBe(200);
      return job.body;
    },
    /** GETs `path` and returns status, headers and the raw bytes. */
    async bytes(token: string, path: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
      const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
    },
    /**
     * The text of a PDF by poppler's pdftotext: `text` in layout order (rows of
     * tables on one line), `flat` in content order with all whitespace removed
     * (a table cell wrapped over lines reads as one string).
     */
    pdfText(pdf: Buffer): { text: string; flat: string } {
      const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
      const raw = execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf }).toString('utf8');
      return { text, flat: raw.replace(/\s+/g, '') };
    },
  };
  return kit;
}
