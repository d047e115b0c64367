import path from 'node:path';
import { z } from 'zod';
import { lintDefinition } from '../definitions/lintDefinition';
import type { Queryable } from '../definitions/orgContext';
import { DefinitionFile, I18nFile, IdentKeyPattern, PackManifest, SeedFile } from './packSchemas';
import { isSeedFile } from './seedFiles';
import { KIND_FOLDERS, PACK_KINDS, packHash, sha256, type PackDefinition, type PackIssue, type PackKind, type PackSource } from './PackSource';

/** A data source with nothing installed: the offline lint of a pack sees only the pack itself. */
export const EMPTY_DB: Queryable = { query: async () => [] };

const FOLDER_KIND = new Map<string, PackKind>(PACK_KINDS.map((k) => [KIND_FOLDERS[k], k]));
const LOCALES = ['zh-CN', 'en'] as const;

/** Converts `JSON.parse`'s position into line and column for the message. */
function jsonSyntaxIssue(file: string, text: string, err: unknown): PackIssue {
  const msg = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(msg);
  let where = '';
  if (m && !/line \d+/.test(msg)) {
    const before = text.slice(0, Number(m[1]));
    const line = before.split('\n').length;
    where = ` (line ${line}, column ${Number(m[1]) - before.lastIndexOf('\n')})`;
  }
  return { file, path: '', code: 'pack.json_syntax', message: `Not valid JSON: ${msg}${where}` };
}

function zodIssues(file: string, error: z.ZodError, prefix = ''): PackIssue[] {
  return error.issues.map((i) => ({
    file,
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'),
    code: `schema.${i.code}`,
    message: i.message,
  }));
}

function parseJson(file: string, text: string, issues: PackIssue[]): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    issues.push(jsonSyntaxIssue(file, text, err));
    return undefined;
  }
}

/**
 * Reads a pack from its files (relative POSIX path → text): classifies every
 * file, parses JSON (syntax errors with line and column), checks each file
 * against its schema (manifest, envelope, seed, i18n), the file name against
 * the key, and each definition's content with the definitions lint as on
 * save (forms' unsafe expressions, ruleset shape, collection and view shape).
 * Cross-file references are checked by `checkPackReferences`. `lint: false`
 * skips the content lint (the installer's definitions service lints every
 * definition itself, reporting the file).
 * Returns the pack (when the manifest could be read) and every issue.
 */
export async function readPack(files: Record<string, string>, opts: { lint?: boolean } = {}): Promise<{ pack?: PackSource; issues: PackIssue[] }> {
  const issues: PackIssue[] = [];
  let manifest: PackManifest | undefined;
  let loose: Record<string, unknown> | undefined;
  const definitions: PackDefinition[] = [];
  const seeds: PackSource['seeds'] = [];
  const i18n: PackSource['i18n'] = {};

  for (const file of Object.keys(files).sort()) {
    const text = files[file]!;
    const parts = file.split('/');
    // docs/ and test/ (the pack's own tests, vitest's definitions/*/test) are not installed
    if (file === 'README.md' || parts[0] === 'docs' || parts[0] === 'test' || (parts.length === 1 && file.endsWith('.md'))) continue;
    if (file === 'manifest.json') {
      const json = parseJson(file, text, issues);
      if (json === undefined) continue;
      const parsed = PackManifest.safeParse(json);
      if (parsed.success) manifest = parsed.data;
      else {
        issues.push(...zodIssues(file, parsed.error));
        if (json && typeof json === 'object' && !Array.isArray(json)) loose = json as Record<string, unknown>;
      }
      continue;
    }
    if (isSeedFile(file)) continue; // seed/files/<name>: a binary file seed records refer to with { "$file": "<name>" }
    const folder = parts[0]!;
    const base = parts.slice(1).join('/');
    const kind = FOLDER_KIND.get(folder);
    if (parts.length !== 2) {
      issues.push({ file, path: '', code: 'pack.unknown_file', message: 'Not a pack file: packs hold files one folder deep (forms/x.json, processes/x.bpmn, …)' });
    } else if (kind === 'process') {
      if (!base.endsWith('.bpmn')) {
        issues.push({ file, path: '', code: 'pack.unknown_file', message: 'processes/ holds <key>.bpmn files' });
        continue;
      }
      const key = base.slice(0, -'.bpmn'.length);
      definitions.push({ kind, key, file, name: processName(text, key), content: { xml: text }, sourceHash: sha256(text) });
    } else if (kind) {
      if (!base.endsWith('.json')) {
        issues.push({ file, path: '', code: 'pack.unknown_file', message: `${folder}/ holds <key>.json files` });
        continue;
      }
      const json = parseJson(file, text, issues);
      if (json === undefined) continue;
      const parsed = DefinitionFile.safeParse(json);
      if (!parsed.success) {
        issues.push(...zodIssues(file, parsed.error));
        continue;
      }
      const env = parsed.data;
      const stem = base.slice(0, -'.json'.length);
      if (env.key !== stem) issues.push({ file, path: 'key', code: 'pack.key_mismatch', message: `key '${env.key}' must equal the file name '${stem}'` });
      if ((kind === 'collection' || kind === 'view') && !IdentKeyPattern.test(env.key)) {
        issues.push({ file, path: 'key', code: 'pack.key_not_identifier', message: `A ${kind} key is an identifier (letters, digits, _): '${env.key}'` });
      }
      definitions.push({ kind, key: env.key, file, name: env.name, content: env.content, sourceHash: sha256(text) });
    } else if (folder === 'seed' && base.endsWith('.json')) {
      const json = parseJson(file, text, issues);
      if (json === undefined) continue;
      const parsed = SeedFile.safeParse(json);
      if (parsed.success) seeds.push({ file, seed: parsed.data });
      else issues.push(...zodIssues(file, parsed.error));
    } else if (folder === 'i18n' && LOCALES.includes(base.replace(/\.json$/, '') as (typeof LOCALES)[number]) && base.endsWith('.json')) {
      const json = parseJson(file, text, issues);
      if (json === undefined) continue;
      const parsed = I18nFile.safeParse(json);
      if (parsed.success) i18n[base.replace(/\.json$/, '')] = parsed.data;
      else issues.push(...zodIssues(file, parsed.error));
    } else {
      issues.push({ file, path: '', code: 'pack.unknown_file', message: `Not a pack file (folders: manifest.json, ${Object.values(KIND_FOLDERS).join(', ')}, seed, i18n, docs)` });
    }
  }
  if (!files['manifest.json']) issues.push({ file: 'manifest.json', path: '', code: 'pack.manifest_missing', message: 'A pack has a manifest.json' });

  for (const d of definitions) {
    if (d.kind !== 'process') continue;
    d.name = {
      'zh-CN': i18n['zh-CN']?.[`def.process.${d.key}`] ?? d.name['zh-CN'],
      en: i18n.en?.[`def.process.${d.key}`] ?? d.name.en,
    };
  }
  if (opts.lint !== false) for (const d of definitions) issues.push(...(await lintContent(d)));
  // an invalid but readable manifest still lets the cross-file checks run (the issues make the pack invalid anyway)
  if (!manifest && loose) manifest = looseManifest(loose);
  if (!manifest) return { issues };
  return { pack: { manifest, definitions, seeds, i18n, hash: packHash(files), files }, issues };
}

/** What can be read from a manifest that fails its schema: id, version and the declared task types. */
function looseManifest(raw: Record<string, unknown>): PackManifest {
  const requires = raw.requires as { taskTypes?: unknown } | undefined;
  const taskTypes = Array.isArray(requires?.taskTypes) ? requires.taskTypes.filter((t): t is string => typeof t === 'string') : [];
  return {
    id: typeof raw.id === 'string' ? raw.id : 'invalid',
    version: typeof raw.version === 'string' ? raw.version : '0.0.0',
    engine: typeof raw.engine === 'string' ? raw.engine : '*',
    name: { 'zh-CN': String(raw.id ?? 'invalid'), en: String(raw.id ?? 'invalid') },
    requires: { taskTypes },
  };
}

/** The definitions lint as on save (processes are analysed with their references in `checkPackReferences`). */
async function lintContent(d: PackDefinition): Promise<PackIssue[]> {
  if (d.kind === 'process' || d.kind === 'schedule') return [];
  const lint = await lintDefinition(EMPTY_DB, { kind: d.kind, key: d.key, orgPath: '/', tenantId: '', phase: 'save' }, d.content);
  return lint.issues.map((i) => ({ file: d.file, path: ['content', i.path].filter(Boolean).join('.'), code: i.code, message: i.message }));
}

/** A process's names: its `name` attribute (both languages; i18n may translate). */
function processName(xml: string, key: string): { 'zh-CN': string; en: string } {
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`<(?:bpmn2?:)?process[^>]*\\bid="${esc}"[^>]*>`).exec(xml);
  const name = m ? /\bname="([^"]*)"/.exec(m[0])?.[1] : undefined;
  const text = name ? decodeXml(name) : key;
  return { 'zh-CN': text, en: text };
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The file name of a definition in a pack folder. */
export function definitionFileName(kind: PackKind, key: string): string {
  return path.posix.join(KIND_FOLDERS[kind], `${key}.${kind === 'process' ? 'bpmn' : 'json'}`);
}
