import { describe, expect, it } from 'vitest';
import { fromTypedValue, toTypedValue } from './index';

describe('toTypedValue', () => {
  it('infers Camunda types like the REST API', () => {
    // given
    const date = new Date('2026-01-02T03:04:05.000Z');
    // when / then
    expect(toTypedValue('a')).toEqual({ type: 'String', value: 'a' });
    expect(toTypedValue(true)).toEqual({ type: 'Boolean', value: true });
    expect(toTypedValue(42)).toEqual({ type: 'Integer', value: 42 });
    expect(toTypedValue(-2147483648)).toEqual({ type: 'Integer', value: -2147483648 });
    expect(toTypedValue(2147483648)).toEqual({ type: 'Long', value: 2147483648 });
    expect(toTypedValue(2 ** 60)).toEqual({ type: 'Double', value: 2 ** 60 });
    expect(toTypedValue(1.5)).toEqual({ type: 'Double', value: 1.5 });
    expect(toTypedValue(date)).toEqual({ type: 'Date', value: '2026-01-02T03:04:05.000Z' });
    expect(toTypedValue(null)).toEqual({ type: 'Null', value: null });
    expect(toTypedValue(undefined)).toEqual({ type: 'Null', value: null });
    expect(toTypedValue({ a: [1] })).toEqual({ type: 'Json', value: { a: [1] } });
    expect(toTypedValue([1, 2])).toEqual({ type: 'Json', value: [1, 2] });
  });
});

describe('fromTypedValue', () => {
  it('unwraps typed values for expressions', () => {
    // given / when / then
    expect(fromTypedValue({ type: 'Null', value: null })).toBeNull();
    expect(fromTypedValue({ type: 'Date', value: '2026-01-02T03:04:05.000Z' })).toEqual(new Date('2026-01-02T03:04:05.000Z'));
    expect(fromTypedValue({ type: 'Json', value: '{"a":1}' })).toEqual({ a: 1 });
    expect(fromTypedValue({ type: 'Json', value: { a: 1 } })).toEqual({ a: 1 });
    expect(fromTypedValue({ type: 'Long', value: '12' })).toBe(12);
    expect(fromTypedValue({ type: 'Integer', value: 7 })).toBe(7);
    expect(fromTypedValue(undefined)).toBeUndefined();
  });

  it('round-trips inferred values', () => {
    // given
    const values: unknown[] = ['x', false, 3, 5_000_000_000, 0.25, null, { k: 'v' }, new Date(0)];
    // when
    const back = values.map((v) => fromTypedValue(toTypedValue(v)));
    // then
    expect(back).toEqual(values);
  });
});
