import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SafeFlowError } from '@safeflow/engine/errors';
import { commands } from './commands';

/** Entry point of the `safeflow` CLI. */
export async function main(argv: string[]): Promise<number> {
  const match = commands
    .filter((c) => c.words.every((w, i) => argv[i] === w))
    .sort((a, b) => b.words.length - a.words.length)[0];
  if (!match) {
    const lines = commands.map((c) => `  ${c.usage.padEnd(70)} ${c.summary}`);
    process.stderr.write(`usage: safeflow <command>\n\n${lines.join('\n')}\n`);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  try {
    return await match.run(argv.slice(match.words.length));
  } catch (err) {
    if (err instanceof SafeFlowError) {
      process.stderr.write(`error: ${err.code}: ${err.message}\n`);
      return 1;
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${err.message}\nusage: ${match.usage}\n`);
      return 2;
    }
    throw err;
  }
}

const isEntry = !!process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
