import { describe, expect, it } from 'vitest';
import { formatDate, parseDate } from './dates';
import { EngineRestError, optimisticLocking, toCamundaBody } from './EngineRestError';
import { readWireVariables, toWireVariable } from './wireVariables';

describe('typed variables on the wire', () => {
  it('matches types after lower-casing only the first letter', () => {
    // when
    const ok = readWireVariables({ a: { value: '{"x":1}', type: 'json' }, b: { value: '{"x":2}', type: 'Json' } });
    // then
    expect(ok.variables).toEqual({ a: { type: 'Json', value: { x: 1 } }, b: { type: 'Json', value: { x: 2 } } });
    expect(() => readWireVariables({ c: { value: '{}', type: 'JSON' } })).toThrow(/Unsupported value type 'JSON'/);
  });

  it('infers a missing type, keeps transient names apart, rejects values that do not fit', () => {
    // when
    const r = readWireVariables({ n: { value: 3 }, big: { value: 2 ** 40 }, t: { value: 'x', type: 'String', valueInfo: { transient: true } } });
    // then
    expect(r.variables.n).toEqual({ type: 'Integer', value: 3 });
    expect(r.variables.big).toEqual({ type: 'Long', value: 2 ** 40 });
    expect(r.variables.t).toEqual({ type: 'String', value: 'x' });
    expect(r.transient).toEqual(['t']);
    expect(() => readWireVariables({ s: { value: 40000, type: 'Short' } })).toThrow(EngineRestError);
    expect(() => readWireVariables({ f: { value: null, type: 'File' } })).toThrow(EngineRestError);
  });

  it('writes Json as a string, Dates in Camunda format, and never inlines Files', () => {
    expect(toWireVariable({ type: 'Json', value: { a: [1] } })).toEqual({ type: 'Json', value: '{"a":[1]}', valueInfo: {} });
    expect(toWireVariable({ type: 'Date', value: '2026-11-28T16:34:42.000Z' }).value).toBe('2026-11-28T16:34:42.000+0000');
    expect(toWireVariable({ type: 'File', value: 'AAAA', valueInfo: { filename: 'a.txt' } })).toEqual({ type: 'File', value: null, valueInfo: { filename: 'a.txt' } });
  });
});

describe('dates', () => {
  it('parses Camunda, ISO and zone-less dates; formats in UTC', () => {
    expect(parseDate('2026-11-28T16:34:42.000+0800', 'd')).toBe(Date.parse('2026-11-28T08:34:42.000Z'));
    expect(parseDate('2026-11-28T16:34:42+08:00', 'd')).toBe(Date.parse('2026-11-28T08:34:42.000Z'));
    expect(parseDate('2026-11-28T16:34:42', 'd')).toBe(Date.parse('2026-11-28T16:34:42.000Z'));
    expect(() => parseDate('yesterday', 'dueBefore')).toThrow(/dueBefore/);
    expect(formatDate(Date.parse('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02T03:04:05.006+0000');
  });
});

describe('Camunda error bodies', () => {
  it('maps optimistic locking to 500 with code 1', () => {
    expect(toCamundaBody(optimisticLocking('ProcessInstance[1]'))).toEqual({
      status: 500,
      body: { type: 'OptimisticLockingException', message: 'ProcessInstance[1] was updated by another transaction concurrently', code: 1 },
    });
  });
  it('hides the message of unexpected errors', () => {
    expect(toCamundaBody(new Error('db password is hunter2'))).toEqual({ status: 500, body: { type: 'ProcessEngineException', message: 'Internal server error' } });
  });
});
