import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('lint: plugins may not import the runtime', () => {
  const lint = async (file: string, code: string) => {
    const [r] = await new ESLint({ cwd: root }).lintText(code, { filePath: path.join(root, file) });
    return r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('rejects @safeflow/runtime and relative runtime imports in plugins/** and the kit, allows the kit', async () => {
    expect(await lint('plugins/x/src/a.ts', "import { createRuntime } from '@safeflow/runtime';\nexport const a = createRuntime;\n")).toEqual([
      expect.stringContaining('Plugins and the plugin kit may not import the runtime'),
    ]);
    expect(await lint('plugins/x/src/b.ts', "import { DataScope } from '../../../runtime/src/tenancy/DataScope';\nexport const b = DataScope;\n")).toHaveLength(1);
    expect(await lint('plugin-kit/src/c.ts', "import { createWorker } from '@safeflow/runtime/worker';\nexport const c = createWorker;\n")).toHaveLength(1);
    expect(await lint('plugins/x/src/d.ts', "import { definePlugin } from '@safeflow/plugin-kit';\nexport const d = definePlugin;\n")).toEqual([]);
  });
});
