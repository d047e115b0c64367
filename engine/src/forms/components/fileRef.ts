import { z } from 'zod';
import type { ComponentIssue, ComponentValidationContext } from './FormComponentDefinition';

/** SafeFlow's stored file reference (never element-plus's UploadFile). */
export const fileRefSchema = z.object({
  fileId: z.string().min(1).max(64),
  name: z.string().max(255),
  size: z.number().int().nonnegative(),
  mime: z.string().max(127),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A file reference as stored in form values. */
export type FileRef = z.infer<typeof fileRefSchema>;

/**
 * Server checks of file references: each must belong to the submitter's
 * organisation (`file.not_owned`); with `fileInfo`, the server's mime/size
 * (the type sniffed from the bytes at upload) replace the client's claims,
 * for `checkFile` and in the reference itself (`refs` are the parsed,
 * to-be-stored values, so the stored value has the sniffed type). Skipped
 * without a server context.
 */
export async function checkFileRefs(
  refs: FileRef[],
  ctx: ComponentValidationContext,
  pathPrefix: string,
  checkFile?: (ref: FileRef, info: { mime: string; size: number }, path: string) => ComponentIssue[],
): Promise<ComponentIssue[]> {
  const issues: ComponentIssue[] = [];
  await Promise.all(
    refs.map(async (ref, i) => {
      const path = pathPrefix ? `${pathPrefix}.${i}` : String(i);
      let info: { mime: string; size: number } = { mime: ref.mime, size: ref.size };
      if (ctx.server) {
        if (!(await ctx.server.fileOwnedBySubmitter(ref.fileId))) {
          issues.push({ code: 'file.not_owned', params: { fileId: ref.fileId }, path });
          return;
        }
        const known = ctx.server.fileInfo ? await ctx.server.fileInfo(ref.fileId) : undefined;
        if (known) {
          info = known;
          // the stored reference carries what the server sniffed, never the client's claim
          ref.mime = known.mime;
          ref.size = known.size;
        }
      }
      if (checkFile) issues.push(...checkFile(ref, info, path));
    }),
  );
  return issues.sort((a, b) => String(a.path).localeCompare(String(b.path)));
}
