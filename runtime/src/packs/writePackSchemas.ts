import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PACK_SCHEMAS, packJsonSchema } from './packSchemas';

/** Writes definitions/pack-schemas/*.schema.json from the zod schemas (`npx tsx runtime/src/packs/writePackSchemas.ts`). */
const dir = fileURLToPath(new URL('../../../definitions/pack-schemas', import.meta.url));
fs.mkdirSync(dir, { recursive: true });
for (const name of Object.keys(PACK_SCHEMAS) as Array<keyof typeof PACK_SCHEMAS>) {
  fs.writeFileSync(`${dir}/${name}`, JSON.stringify(packJsonSchema(name), null, 2) + '\n');
}
