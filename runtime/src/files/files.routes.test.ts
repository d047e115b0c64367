import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMatrix, type MatrixFixture } from '../testing/seedMatrix';
import { startTestServer } from '../testing/startTestServer';
import { sampleFiles } from './sampleFiles';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** POSTs one file as multipart/form-data (fetch builds the boundary). */
function upload(
  server: Server,
  token: string,
  orgId: string | undefined,
  bytes: Buffer,
  filename: string,
  opts: { declaredType?: string; headers?: Record<string, string> } = {},
) {
  const form = new FormData();
  if (orgId !== undefined) form.append('orgId', orgId);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: opts.declaredType ?? 'application/octet-stream' }), filename);
  return server.request('POST', '/api/v1/files', { token, rawBody: form, headers: opts.headers });
}

/** Every regular file under `dir`, relative paths. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(dir, p)).isFile()).sort();
}

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('files API', () => {
  let server: Server;
  let mx: MatrixFixture;
  let token: string;
  let e1: string;
  const countRows = async () =>
    Number((await server.runtime.deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM file`))[0]!.n);

  beforeAll(async () => {
    server = await startTestServer();
    mx = await seedMatrix(server);
    token = mx.user('safetyOfficer').token;
    e1 = mx.orgs.E1.id;
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('stores a PNG: sniffed type, correct sha256, byte-exact content, inline with nosniff', async () => {
    // given
    const png = sampleFiles.png();
    // when
    const res = await upload(server, token, e1, png, '隐患照片.png', { declaredType: 'image/png' });
    const meta = await server.request('GET', `/api/v1/files/${res.body.id}`, { token });
    const content = await fetch(`${server.url}/api/v1/files/${res.body.id}/content`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await content.arrayBuffer());
    // then
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orgId: e1, name: '隐患照片.png', size: png.length, mime: 'image/png', sha256: sha256(png), revision: 1 });
    expect(res.body.createdBy).toBe(mx.user('safetyOfficer').id);
    expect(meta.status).toBe(200);
    expect(meta.body).toEqual(res.body);
    expect(content.status).toBe(200);
    expect(bytes.equals(png)).toBe(true);
    expect(content.headers.get('content-type')).toBe('image/png');
    expect(content.headers.get('x-content-type-options')).toBe('nosniff');
    expect(content.headers.get('content-security-policy')).toBeNull();
    expect(content.headers.get('content-disposition')).toBe(
      `inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('隐患照片.png')}`,
    );
  });

  it('stores a JPEG declared as something else, by its content', async () => {
    // given
    const jpeg = sampleFiles.jpeg();
    // when
    const res = await upload(server, token, e1, jpeg, 'scan.bin', { declaredType: 'application/pdf' });
    // then
    expect(res.status).toBe(201);
    expect(res.body.mime).toBe('image/jpeg');
    expect(res.body.sha256).toBe(sha256(jpeg));
  });

  it('serves a PDF as an attachment inside a CSP sandbox', async () => {
    // given
    const pdf = sampleFiles.pdf();
    const res = await upload(server, token, e1, pdf, '整改通知书.pdf', { declaredType: 'application/pdf' });
    // when
    const content = await fetch(`${server.url}/api/v1/files/${res.body.id}/content`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await content.arrayBuffer());
    // then
    expect(res.status).toBe(201);
    expect(res.body.mime).toBe('application/pdf');
    expect(bytes.equals(pdf)).toBe(true);
    expect(content.headers.get('content-type')).toBe('application/pdf');
    expect(content.headers.get('content-security-policy')).toBe('sandbox');
    expect(content.headers.get('x-content-type-options')).toBe('nosniff');
    expect(content.headers.get('content-disposition')).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''/);
  });

  it('stores an XLSX workbook and a UTF-8 CSV', async () => {
    // given
    const xlsx = await sampleFiles.xlsx();
    const csv = sampleFiles.csv();
    // when
    const a = await upload(server, token, e1, xlsx, '台账.xlsx');
    const b = await upload(server, token, e1, csv, '台账.csv', { declaredType: 'text/csv' });
    const content = await server.request('GET', `/api/v1/files/${b.body.id}/content`, { token });
    // then
    expect(a.status).toBe(201);
    expect(a.body.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(b.status).toBe(201);
    expect(b.body.mime).toBe('text/csv');
    expect(content.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(content.text).toBe(csv.toString('utf8'));
  });

  it.each([
    ['an ELF executable named photo.jpg, declared image/jpeg', () => sampleFiles.elf(), 'photo.jpg', 'image/jpeg'],
    ['a PE executable named report.pdf', () => sampleFiles.pe(), 'report.pdf', 'application/pdf'],
    ['an SVG with script', () => sampleFiles.svg(false), 'logo.svg', 'image/svg+xml'],
    ['an SVG with an XML declaration', () => sampleFiles.svg(true), 'logo.svg', 'image/svg+xml'],
    ['HTML named .txt', () => sampleFiles.html(), 'readme.txt', 'text/plain'],
    ['a shell script named .csv', () => sampleFiles.script(), 'data.csv', 'text/csv'],
  ])('rejects %s with 415 file.type_not_allowed and keeps nothing', async (_kind, make, name, declaredType) => {
    // given
    const rowsBefore = await countRows();
    const filesBefore = filesUnder(path.join(server.dataDir, 'files'));
    // when
    const res = await upload(server, token, e1, make(), name, { declaredType });
    // then
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('file.type_not_allowed');
    expect(await countRows()).toBe(rowsBefore);
    expect(filesUnder(path.join(server.dataDir, 'files'))).toEqual(filesBefore);
  });

  it('strips path tricks from the name and stores the bytes under a server-made key (mode 0640)', async () => {
    // given
    const text = Buffer.from('巡查记录\n', 'utf8');
    // when
    const res = await upload(server, token, e1, text, '../../etc/passwd.txt');
    const [row] = await server.runtime.deps.db.query<{ storage_key: string }>(`SELECT storage_key FROM file WHERE id = ?`, [res.body.id]);
    const stored = path.join(server.dataDir, 'files', row!.storage_key);
    // then
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('passwd.txt');
    expect(row!.storage_key).toBe(`${res.body.id.slice(0, 2)}/${res.body.id.slice(2, 4)}/${res.body.id}`);
    expect(fs.readFileSync(stored).equals(text)).toBe(true);
    expect(fs.statSync(stored).mode & 0o777).toBe(0o640);
    expect(fs.existsSync(path.join(server.dataDir, 'etc'))).toBe(false);
    expect(filesUnder(path.join(server.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('writes a file.upload audit entry in the same transaction', async () => {
    // when
    const res = await upload(server, token, e1, sampleFiles.png(), 'a.png');
    const rows = await server.runtime.deps.db.query<{ actor_id: string; org_id: string }>(
      `SELECT actor_id, org_id FROM audit_log WHERE action = 'file.upload' AND target_type = 'file' AND target_id = ?`,
      [res.body.id],
    );
    // then
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: mx.user('safetyOfficer').id, org_id: e1 });
  });

  it('rejects an empty file (400 file.empty), a missing part (400 file.missing), a missing orgId (400 request.invalid)', async () => {
    // when
    const empty = await upload(server, token, e1, Buffer.alloc(0), 'empty.png');
    const noFile = await server.request('POST', '/api/v1/files', { token, rawBody: (() => { const f = new FormData(); f.append('orgId', e1); return f; })() });
    const noOrg = await upload(server, token, undefined, sampleFiles.png(), 'a.png');
    // then
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('file.empty');
    expect(noFile.status).toBe(400);
    expect(noFile.body.code).toBe('file.missing');
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.code).toBe('request.invalid');
    expect(filesUnder(path.join(server.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('rejects a non-multipart body with 415 and an unknown org with 404 org.not_found', async () => {
    // when
    const json = await server.request('POST', '/api/v1/files', { token, body: { orgId: e1 } });
    const unknown = await upload(server, token, crypto.randomUUID(), sampleFiles.png(), 'a.png');
    // then
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('request.unsupported_media_type');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('org.not_found');
  });

  it('honours Idempotency-Key: a retried upload returns the first file; other content under the key is 422', async () => {
    // given
    const rowsBefore = await countRows();
    const headers = { 'idempotency-key': 'upload-1' };
    // when
    const first = await upload(server, token, e1, sampleFiles.png(), 'retry.png', { headers });
    const retry = await upload(server, token, e1, sampleFiles.png(), 'retry.png', { headers });
    const other = await upload(server, token, e1, sampleFiles.pdf(), 'retry.png', { headers });
    // then
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency.key_reused');
    expect(await countRows()).toBe(rowsBefore + 1);
    expect(filesUnder(path.join(server.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('answers 404 file.not_found for another tenant’s file (metadata and content) and for unknown ids', async () => {
    // given
    const other = await upload(server, mx.user('safetyOfficer', 2).token, mx.orgs.E2.id, sampleFiles.png(), 'e2.png');
    // when
    const meta = await server.request('GET', `/api/v1/files/${other.body.id}`, { token });
    const content = await server.request('GET', `/api/v1/files/${other.body.id}/content`, { token });
    const unknown = await server.request('GET', `/api/v1/files/${crypto.randomUUID()}`, { token });
    // then
    expect(other.status).toBe(201);
    expect(meta.status).toBe(404);
    expect(meta.body.code).toBe('file.not_found');
    expect(content.status).toBe(404);
    expect(content.body.code).toBe('file.not_found');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('file.not_found');
  });
});

describe('files API: upload limit', () => {
  let server: Server;
  let token: string;
  let orgId: string;

  beforeAll(async () => {
    server = await startTestServer({ config: { maxUploadBytes: 1024 } });
    const mx = await seedMatrix(server);
    token = mx.user('worker').token;
    orgId = mx.orgs.E1.id;
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });

  it('answers 413 file.too_large above MAX_UPLOAD_BYTES and leaves no row and no bytes behind', async () => {
    // given
    const big = Buffer.concat([sampleFiles.png(), crypto.randomBytes(4096)]);
    // when
    const res = await upload(server, token, orgId, big, 'big.png', { declaredType: 'image/png' });
    const [row] = await server.runtime.deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM file`);
    // then
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('file.too_large');
    expect(Number(row!.n)).toBe(0);
    expect(filesUnder(path.join(server.dataDir, 'files'))).toEqual([]);
  });

  it('accepts a file of exactly the limit', async () => {
    // given
    const exact = Buffer.concat([sampleFiles.png(), Buffer.alloc(1024 - sampleFiles.png().length)]);
    // when
    const res = await upload(server, token, orgId, exact, 'exact.png');
    // then
    expect(res.status).toBe(201);
    expect(res.body.size).toBe(1024);
  });
});
