import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from './gatewayVariables';

describe('gateway variables', () => {
  it('types plain values for the wire as Camunda 7 expects them', () => {
    // when
    const wire = toWire({ s: 'a', i: 7, l: 2 ** 40, d: 0.5, b: false, n: null, at: new Date('2026-11-28T08:30:00.000Z'), o: { k: [1] }, skipped: undefined });
    // then
    expect(wire).toEqual({
      s: { type: 'String', value: 'a', valueInfo: {} },
      i: { type: 'Integer', value: 7, valueInfo: {} },
      l: { type: 'Long', value: 2 ** 40, valueInfo: {} },
      d: { type: 'Double', value: 0.5, valueInfo: {} },
      b: { type: 'Boolean', value: false, valueInfo: {} },
      n: { type: 'Null', value: null, valueInfo: {} },
      at: { type: 'Date', value: expect.stringMatching(/^2026-11-28T\d\d:30:00\.000[+-]\d{4}$/), valueInfo: {} },
      o: { type: 'Json', value: '{"k":[1]}', valueInfo: {} },
    });
  });

  it('reads what Camunda 7 / Operaton answer: any first-letter case, Json strings, Camunda dates, untyped values', () => {
    // when
    const plain = fromWire({
      j: { type: 'json', value: '{"area":"仓库"}' },
      at: { type: 'Date', value: '2026-11-28T16:30:00.000+0800', valueInfo: {} },
      n: { type: 'Long', value: 5 },
      u: { value: 'untyped' },
    });
    // then
    expect(plain).toEqual({ j: { area: '仓库' }, at: new Date('2026-11-28T08:30:00.000Z'), n: 5, u: 'untyped' });
  });

  it('refuses a type Camunda does not know, with the engine\'s stable code', () => {
    // when / then
    expect(() => fromWire({ x: { type: 'JSON', value: '{}' } })).toThrow(expect.objectContaining({ code: 'engine.unsupported_value_type', status: 400 }));
  });
});
