import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { BpmnModdle } from 'bpmn-moddle';
import { referenceBpmnForBpmnEngine } from './referenceProcess';

/**
 * `rawPerSecond`: bpmn-engine alone, in memory, in this process, no
 * persistence — completed instances of the reference process per second
 * (the service task completes at once; the user task is signalled as soon as
 * it waits). Runs `concurrency` instances at a time for `seconds`.
 */
export async function benchEngineRaw(opts: { seconds: number; concurrency: number }): Promise<{ rawPerSecond: number; instances: number }> {
  // Parse once, as SafeFlow does: every instance reuses the moddle context.
  const moddleContext = await new BpmnModdle().fromXML(referenceBpmnForBpmnEngine);
  const deadline = performance.now() + opts.seconds * 1000;
  let completed = 0;
  const t0 = performance.now();
  const runOne = () =>
    new Promise<void>((resolve, reject) => {
      const listener = new EventEmitter();
      listener.on('wait', (api: { type: string; signal: (m?: unknown) => void }) => {
        if (api.type === 'bpmn:UserTask') api.signal({ approved: true });
      });
      const engine = new Engine({
        name: 'raw',
        moddleContext: moddleContext as never,
        services: {
          score: (_ctx: unknown, callback: (err: unknown, out?: unknown) => void) => callback(null, { score: 80 }),
          isHigh: () => true,
        },
      });
      engine.execute({ listener }, (err: unknown) => {
        if (err) reject(err);
      });
      engine.once('end', () => resolve());
      engine.once('error', reject);
    });
  const lane = async () => {
    while (performance.now() < deadline) {
      await runOne();
      completed++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  const seconds = (performance.now() - t0) / 1000;
  return { rawPerSecond: Math.round(completed / seconds), instances: completed };
}
