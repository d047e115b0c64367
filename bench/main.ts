/**
 * `npm run bench -- <suite> [...]`: runs benchmarks and prints one JSON object
 * per suite as the last line. Suites: engine, forms (more as they land).
 */
import { benchEngineRaw } from './engineRaw.bench';

type Suite = () => Promise<Record<string, unknown>>;

const suites: Record<string, Suite> = {
  async engineRaw() {
    return benchEngineRaw({ seconds: 5, concurrency: 20 });
  },
};

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const selected = names.length ? names : Object.keys(suites);
  const result: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version } };
  for (const name of selected) {
    const suite = suites[name];
    if (!suite) {
      process.stderr.write(`unknown suite '${name}'; known: ${Object.keys(suites).join(', ')}\n`);
      process.exit(2);
    }
    process.stderr.write(`running ${name} ...\n`);
    Object.assign(result, await suite());
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

await main();
