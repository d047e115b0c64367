import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeConfig } from './decodeConfig';

describe('decodeConfig', () => {
  const schema = z.object({ label: z.string(), threshold: z.number().min(0).max(1), strict: z.boolean().default(false) });

  it('reads string properties as they are and decodes JSON-looking ones where the schema wants other types', () => {
    expect(decodeConfig('t', schema, { label: '123', threshold: '0.5', strict: 'true' })).toEqual({ label: '123', threshold: 0.5, strict: true });
    expect(decodeConfig('t', z.object({ code: z.string() }), { code: '007' })).toEqual({ code: '007' });
  });

  it('answers task_type.invalid_config naming the bad fields', () => {
    expect(() => decodeConfig('video-diagnose', schema, { threshold: '7' })).toThrow(
      expect.objectContaining({ code: 'task_type.invalid_config', status: 400, details: expect.objectContaining({ topic: 'video-diagnose' }) }),
    );
    try {
      decodeConfig('video-diagnose', schema, { threshold: '7' });
    } catch (e) {
      expect((e as Error).message).toMatch(/label: .*; threshold: /);
    }
  });
});
