import crypto from 'node:crypto';
import type { DefinitionKind } from '../definitions/DefinitionStore';
import type { DefinitionFile, I18nFile, PackManifest, SeedFile } from './packSchemas';
import type { z } from 'zod';

/** One problem found in a pack: the file (relative to the pack folder), the JSON path (or BPMN element id) in it, a stable code and words. */
export interface PackIssue {
  file: string;
  path: string;
  code: string;
  message: string;
}

/** The kinds a pack installs, in install order (what a later kind refers to is installed first). */
export const PACK_KINDS = ['form', 'ruleset', 'collection', 'view', 'process', 'schedule'] as const satisfies readonly DefinitionKind[];
/** A kind a pack installs. */
export type PackKind = (typeof PACK_KINDS)[number];

/** The folder of each kind inside a pack. */
export const KIND_FOLDERS: Record<PackKind, string> = {
  form: 'forms',
  ruleset: 'rules',
  collection: 'collections',
  view: 'views',
  process: 'processes',
  schedule: 'schedules',
};

/** One definition of a pack, as read from its file. */
export interface PackDefinition {
  kind: PackKind;
  key: string;
  file: string;
  name: { 'zh-CN': string; en: string };
  /** What the definitions service takes as content (`{ xml }` for processes). */
  content: Record<string, unknown>;
  /** sha256 of the file's text: unchanged files are not published again. */
  sourceHash: string;
}

/** A pack read from its files (see `definitions/safety/README.md`). */
export interface PackSource {
  manifest: PackManifest;
  definitions: PackDefinition[];
  seeds: Array<{ file: string; seed: SeedFile }>;
  i18n: Record<string, z.infer<typeof I18nFile>>;
  /** sha256 over every installable file (path and content), independent of file order. */
  hash: string;
  /** The raw files (relative path → text), for re-validation and export. */
  files: Record<string, string>;
}

/** sha256 hex of a text. */
export const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/** The hash of a pack: sha256 of the sorted `path\0sha256(content)` lines of its installable files. */
export function packHash(files: Record<string, string>): string {
  const lines = Object.keys(files)
    .filter(isInstallable)
    .sort()
    .map((p) => `${p}\0${sha256(files[p]!)}`);
  return sha256(lines.join('\n'));
}

/** Files that are documentation, not installed (README.md, docs/**). */
export function isInstallable(file: string): boolean {
  return !(file === 'README.md' || file.startsWith('docs/') || file.endsWith('.md'));
}

export type { DefinitionFile };
