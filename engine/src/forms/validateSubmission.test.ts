import { describe, expect, it } from 'vitest';
import type { FormSchema } from './FormSchema';
import type { ServerValidationContext } from './ServerValidationContext';
import { validateSubmission } from './validateSubmission';
import { VALIDATION_CORPUS } from './validationCorpus.fixture';

const sha = 'b'.repeat(64);
const ref = (fileId: string) => ({ fileId, name: 'a.png', size: 10, mime: 'image/png', sha256: sha });

function server(over: Partial<ServerValidationContext> = {}): ServerValidationContext {
  return {
    fileOwnedBySubmitter: async (id) => id.startsWith('own-'),
    dictionaryHas: (key, value) => key === 'colors' && ['red', 'blue'].includes(String(value)),
    now: () => new Date('2026-03-01T08:00:00Z'),
    taskLocation: { lat: 31.2304, lng: 121.4737, radiusM: 200, qrToken: 'QR-1' },
    ...over,
  };
}

describe('validateSubmission — corpus', () => {
  it.each(VALIDATION_CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    // when
    const result = await validateSubmission(c.schema, c.values);
    // then
    expect(result.errors.map((e) => `${e.path} ${e.code}`)).toEqual(c.expectedErrors);
    expect(result.valid).toBe(c.expectedErrors.length === 0);
    if (c.expectedValues) expect(result.values).toEqual(c.expectedValues);
  });

  it('has at least 25 cases', () => {
    expect(VALIDATION_CORPUS.length).toBeGreaterThanOrEqual(25);
  });
});

describe('validateSubmission', () => {
  const schema: FormSchema = {
    type: 'object',
    properties: { name: { type: 'string', 'x-component': 'Input', required: true } },
  };

  it('speaks zh-CN by default and English on request, per call', async () => {
    // when
    const [zh, en] = await Promise.all([
      validateSubmission(schema, {}),
      validateSubmission(schema, {}, { locale: 'en' }),
    ]);
    // then
    expect(zh.errors[0]!.message).toBe('该字段是必填字段');
    expect(en.errors[0]!.message).toBe('The field value is required');
  });

  it('uses a custom x-validator message', async () => {
    // given
    const s: FormSchema = {
      type: 'object',
      properties: {
        a: {
          type: 'string',
          'x-component': 'Input',
          'x-validator': { pattern: '^\\d+$', message: '只能填数字' },
        },
      },
    };
    // when
    const result = await validateSubmission(s, { a: 'x' });
    // then
    expect(result.errors).toEqual([{ path: 'a', code: 'form.pattern', message: '只能填数字' }]);
  });

  it('rejects photos that belong to another organisation (server context)', async () => {
    // given
    const s: FormSchema = { type: 'object', properties: { p: { type: 'array', 'x-component': 'Photo' } } };
    // when
    const result = await validateSubmission(s, { p: [ref('own-1'), ref('other-2')] }, { ctx: server() });
    // then
    expect(result.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['p.1 file.not_owned']);
  });

  it('trusts the server file facts over the client claims', async () => {
    // given
    const s: FormSchema = { type: 'object', properties: { p: { type: 'array', 'x-component': 'Photo' } } };
    const ctx = server({ fileInfo: async () => ({ mime: 'text/html', size: 10 }) });
    // when
    const result = await validateSubmission(s, { p: [ref('own-1')] }, { ctx });
    // then
    expect(result.errors.map((e) => e.code)).toEqual(['photo.not_image']);
  });

  it('checks dictionary membership of options on the server', async () => {
    // given
    const s: FormSchema = {
      type: 'object',
      properties: {
        c: { type: 'string', 'x-component': 'Select', 'x-component-props': { dictionaryKey: 'colors' } },
      },
    };
    // when
    const ok = await validateSubmission(s, { c: 'red' }, { ctx: server() });
    const bad = await validateSubmission(s, { c: 'green' }, { ctx: server() });
    // then
    expect(ok.valid).toBe(true);
    expect(bad.errors.map((e) => e.code)).toEqual(['form.dictionary_mismatch']);
  });

  it('accepts a PNG signature file reference owned by the submitter and rejects other files', async () => {
    // given
    const s: FormSchema = {
      type: 'object',
      properties: { sign: { type: 'object', 'x-component': 'Signature', required: true } },
    };
    // when
    const ok = await validateSubmission(s, { sign: ref('own-1') }, { ctx: server() });
    const jpeg = await validateSubmission(
      s,
      { sign: { ...ref('own-2'), mime: 'image/jpeg' } },
      { ctx: server() },
    );
    const foreign = await validateSubmission(s, { sign: ref('other-3') }, { ctx: server() });
    const dataUrl = await validateSubmission(s, { sign: 'data:image/png;base64,AAAA' }, { ctx: server() });
    // then
    expect(ok).toMatchObject({ valid: true, values: { sign: ref('own-1') } });
    expect(jpeg.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['sign signature.not_png']);
    expect(foreign.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['sign file.not_owned']);
    expect(dataUrl.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['sign form.type']);
  });

  describe('CheckIn', () => {
    const s: FormSchema = {
      type: 'object',
      properties: { ci: { type: 'object', 'x-component': 'CheckIn', required: true } },
    };

    it('accepts a GPS check-in within the radius', async () => {
      // when
      const result = await validateSubmission(
        s,
        { ci: { method: 'gps', lat: 31.231, lng: 121.474, at: '2026-03-01T07:59:00Z' } },
        { ctx: server() },
      );
      // then
      expect(result.errors).toEqual([]);
    });

    it('rejects a GPS check-in 2 km away with the distance', async () => {
      // when
      const result = await validateSubmission(
        s,
        { ci: { method: 'gps', lat: 31.2484, lng: 121.4737, at: '2026-03-01T07:59:00Z' } },
        { ctx: server(), locale: 'en' },
      );
      // then
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.code).toBe('checkin.too_far');
      expect(result.errors[0]!.message).toMatch(
        /^The check-in is 20\d\d m from the task location, beyond 200 m$/,
      );
    });

    it('checks the QR token against the location', async () => {
      // when
      const ok = await validateSubmission(
        s,
        { ci: { method: 'qr', qrToken: 'QR-1', at: '2026-03-01T07:59:00Z' } },
        { ctx: server() },
      );
      const bad = await validateSubmission(
        s,
        { ci: { method: 'qr', qrToken: 'QR-2', at: '2026-03-01T07:59:00Z' } },
        { ctx: server() },
      );
      // then
      expect(ok.errors).toEqual([]);
      expect(bad.errors.map((e) => e.code)).toEqual(['checkin.qr_mismatch']);
    });

    it('needs a task location on the server', async () => {
      // when
      const result = await validateSubmission(
        s,
        { ci: { method: 'qr', qrToken: 'QR-1', at: '2026-03-01T07:59:00Z' } },
        { ctx: server({ taskLocation: undefined }) },
      );
      // then
      expect(result.errors.map((e) => e.code)).toEqual(['checkin.no_task_location']);
    });
  });

  it('reports an expression failing at run time at its field instead of throwing', async () => {
    // given
    const s: FormSchema = {
      type: 'object',
      properties: { a: { type: 'string', 'x-component': 'Input', 'x-visible': '{{$deps[0].x.y}}' } },
    };
    // when
    const result = await validateSubmission(s, { a: 'v' });
    // then
    expect(result.errors[0]).toMatchObject({ path: 'a', code: expect.stringMatching(/^expression\./) });
  });

  it('does not mutate the schema or the values', async () => {
    // given
    const s: FormSchema = {
      type: 'object',
      properties: {
        k: {
          type: 'string',
          'x-component': 'Input',
          'x-reactions': [{ target: 'v', fulfill: { state: { visible: "{{$self.value === 'y'}}" } } }],
        },
        v: { type: 'string', 'x-component': 'Input' },
      },
    };
    const before = JSON.stringify(s);
    const values = { k: 'n', v: 'x' };
    // when
    const result = await validateSubmission(s, values);
    // then
    expect(JSON.stringify(s)).toBe(before);
    expect(values).toEqual({ k: 'n', v: 'x' });
    expect(result.values).toEqual({ k: 'n' });
  });
});
