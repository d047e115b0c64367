import { compileExpression } from './compileExpression';
import { evaluateExpression } from './evaluateExpression';
import { parseExpression } from './parseExpression';

/** Runs `body` repeatedly for about `ms` milliseconds and returns operations per second. */
function opsPerSecond(body: (i: number) => void, ms: number): number {
  for (let i = 0; i < 1_000; i++) body(i); // warm up
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 1_000; i++) body(count + i);
    count += 1_000;
    elapsed = performance.now() - start;
  }
  return Math.round((count * 1000) / elapsed);
}

/**
 * Measures the expression language on this machine: `evalPerSecond` for a
 * cached simple comparison (`$self.value > 10`), `evalJuelPerSecond` for a
 * cached JUEL condition, `parsePerSecond` for uncached parses of a typical
 * reaction expression. Takes about a second; not wired into any runner.
 */
export async function benchExpressions(): Promise<Record<string, number>> {
  const scope = { $self: { value: 12 }, score: 75, level: 'major' };
  compileExpression('$self.value > 10', 'formily');
  const evalPerSecond = opsPerSecond(() => {
    evaluateExpression('$self.value > 10', scope);
  }, 300);
  const evalJuelPerSecond = opsPerSecond(() => {
    evaluateExpression("score > 70 && level == 'major'", scope, { dialect: 'juel' });
  }, 300);
  const reaction =
    "$deps[0] === 'yes' && sum($values.rows) > 10 ? { state: { visible: true } } : { state: { visible: false } }";
  const parsePerSecond = opsPerSecond(() => {
    parseExpression(reaction, 'formily');
  }, 300);
  return { evalPerSecond, evalJuelPerSecond, parsePerSecond };
}
