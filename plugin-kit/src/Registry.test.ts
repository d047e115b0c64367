import { describe, expect, it } from 'vitest';
import { Registry } from './Registry';

describe('Registry', () => {
  it('keeps entries in registration order with their owner', () => {
    // given
    const r = new Registry<number>('thing');
    // when
    r.register('a', 1, 'p1');
    r.register('b', 2, 'p2');
    // then
    expect(r.keys()).toEqual(['a', 'b']);
    expect(r.require('b')).toBe(2);
    expect(r.ownerOf('a')).toBe('p1');
    expect(r.get('zz')).toBeUndefined();
  });

  it('rejects a duplicate key naming both owners', () => {
    const r = new Registry<number>('task type');
    r.register('video-diagnose', 1, 'first');
    expect(() => r.register('video-diagnose', 2, 'second')).toThrow(
      expect.objectContaining({ code: 'plugin.duplicate_key', status: 409, message: "task type 'video-diagnose' is registered twice: by first and by second" }),
    );
    expect(r.require('video-diagnose')).toBe(1);
  });

  it('answers plugin.not_registered for an unknown key and refuses additions once frozen', () => {
    const r = new Registry<number>('detector').freeze();
    expect(() => r.require('yolo')).toThrow(expect.objectContaining({ code: 'plugin.not_registered', status: 404 }));
    expect(() => r.register('yolo', 1)).toThrow(expect.objectContaining({ code: 'plugin.registry_frozen' }));
    expect(() => new Registry<number>('x').register('', 1)).toThrow(expect.objectContaining({ code: 'plugin.invalid_key' }));
  });
});
