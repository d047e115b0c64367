import type { ExecutionContext } from '../ports';
import { parseBpmn } from '../parse/parseBpmn';
import { bpmnXml } from '../testing/bpmnXml';
import { vars } from '../testing/ProcessHarness';

// start → exclusive gateway → external task → user task → end: the benchmark's shape.
const fiveElements = bpmnXml(`
    <startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="gw" />
    <exclusiveGateway id="gw" default="f3" />
    <sequenceFlow id="f2" sourceRef="gw" targetRef="t"><conditionExpression xsi:type="tFormalExpression">\${score &gt; 70}</conditionExpression></sequenceFlow>
    <sequenceFlow id="f3" sourceRef="gw" targetRef="t" />
    <serviceTask id="t" camunda:type="external" camunda:topic="rules" />
    <sequenceFlow id="f4" sourceRef="t" targetRef="u" /><userTask id="u" camunda:candidateGroups="officers" />
    <sequenceFlow id="f5" sourceRef="u" targetRef="e" /><endEvent id="e" />`);

/**
 * Pure executor speed (no persistence): µs for `start` up to the external-task
 * wait and the mean µs per step (start, completeExternalTask, completeUserTask)
 * of a five-element process, after warm-up.
 */
export async function benchExecutor(rounds = 5000): Promise<{ executorStartMicros: number; executorStepMicros: number }> {
  const executor = (await parseBpmn(fiveElements)).processes[0]!.executor;
  let n = 0;
  const ctx: ExecutionContext = { now: () => new Date(1_767_225_600_000), newId: () => `id${++n}` };
  const variables = vars({ score: 80, site: 'A7' });
  const instance = () => {
    const a = executor.start({ processInstanceId: `p${n}`, processDefinitionId: 'd', variables }, ctx);
    const ext = a.effects.find((e) => e.type === 'externalTask.create')!;
    const b = executor.completeExternalTask(a.state, ext.executionId, vars({ level: 'major' }), {}, ctx);
    const task = b.effects.find((e) => e.type === 'userTask.create')!;
    const c = executor.completeUserTask(b.state, task.executionId, {}, ctx);
    if (!c.state.ended) throw new Error('bench instance did not end');
    return c;
  };
  for (let i = 0; i < 3000; i++) instance();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) executor.start({ processInstanceId: `p${n}`, processDefinitionId: 'd', variables }, ctx);
  const executorStartMicros = ((performance.now() - t0) * 1000) / rounds;
  const t1 = performance.now();
  for (let i = 0; i < rounds; i++) instance();
  const executorStepMicros = ((performance.now() - t1) * 1000) / rounds / 3;
  return { executorStartMicros: +executorStartMicros.toFixed(1), executorStepMicros: +executorStepMicros.toFixed(1) };
}
