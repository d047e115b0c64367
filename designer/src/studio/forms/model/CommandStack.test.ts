import { describe, expect, it } from 'vitest';
import { CommandRefused, CommandStack } from './CommandStack';

function counterStack() {
  const state = { n: 0 };
  const stack = new CommandStack();
  stack.register<{ by: number }>('add', {
    canExecute: (c) => (c.by === 0 ? 'test.zero' : undefined),
    execute: (c) => void (state.n += c.by),
    revert: (c) => void (state.n -= c.by),
  });
  return { state, stack };
}

describe('CommandStack', () => {
  it('executes, undoes and redoes in order, and a new command clears redo', () => {
    // given
    const { state, stack } = counterStack();
    const events: string[] = [];
    stack.onChanged((e) => events.push(e.trigger));
    // when
    stack.execute('add', { by: 1 });
    stack.execute('add', { by: 10 });
    stack.undo();
    expect(state.n).toBe(1);
    stack.redo();
    expect(state.n).toBe(11);
    stack.undo();
    stack.execute('add', { by: 100 });
    // then
    expect(state.n).toBe(101);
    expect(stack.canRedo()).toBe(false);
    expect(stack.depth).toBe(2);
    expect(events).toEqual(['execute', 'execute', 'undo', 'redo', 'undo', 'execute']);
  });

  it('refuses with the handler’s code and records nothing', () => {
    // given
    const { state, stack } = counterStack();
    // when / then
    expect(() => stack.execute('add', { by: 0 })).toThrow(CommandRefused);
    expect(stack.canExecute('add', { by: 0 })).toBe(false);
    expect(stack.canUndo()).toBe(false);
    expect(state.n).toBe(0);
  });

  it('rejects unknown commands and duplicate registrations; undo/redo on empty stacks do nothing', () => {
    // given
    const { stack } = counterStack();
    // when / then
    expect(() => stack.execute('nope', {})).toThrow(/no handler/);
    expect(() => stack.register('add', { execute() {}, revert() {} })).toThrow(/already registered/);
    stack.undo();
    stack.redo();
    expect(stack.depth).toBe(0);
  });
});
