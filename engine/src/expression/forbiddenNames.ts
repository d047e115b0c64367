/**
 * Property names that reach JavaScript internals. They are refused anywhere a
 * name appears: after `.`, as a literal or computed key, as an object-literal
 * key and as a root identifier. Any `__name__` is refused too.
 */
export const FORBIDDEN_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'caller',
  'callee',
  'arguments',
]);

/**
 * Root names refused even if a scope supplies them: JavaScript and host
 * globals, and Formily's `fulfill` (whose `run` is a script) — plus every
 * forbidden property name.
 */
export const FORBIDDEN_ROOT_NAMES: ReadonlySet<string> = new Set([
  ...FORBIDDEN_PROPERTY_NAMES,
  'globalThis',
  'global',
  'window',
  'self',
  'document',
  'process',
  'require',
  'module',
  'exports',
  'eval',
  'Function',
  'AsyncFunction',
  'Object',
  'Array',
  'Reflect',
  'Proxy',
  'Symbol',
  'Promise',
  'JSON',
  'Math',
  'Date',
  'String',
  'Number',
  'Boolean',
  'RegExp',
  'Error',
  'WebAssembly',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'importScripts',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'navigator',
  'Deno',
  'Bun',
  'fulfill',
]);

/** JavaScript keywords that have no meaning in the language; using one is a syntax error. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'this',
  'new',
  'function',
  'class',
  'typeof',
  'void',
  'delete',
  'in',
  'instanceof',
  'import',
  'export',
  'return',
  'var',
  'let',
  'const',
  'yield',
  'await',
  'super',
  'with',
  'debugger',
  'throw',
  'try',
  'catch',
  'finally',
  'if',
  'else',
  'for',
  'while',
  'do',
  'switch',
  'case',
  'default',
  'break',
  'continue',
  'extends',
  'enum',
]);

/** `__name__` (checked by character codes: this runs on every property read). */
function isDunder(name: string): boolean {
  const n = name.length;
  return (
    n >= 4 &&
    name.charCodeAt(0) === 95 &&
    name.charCodeAt(1) === 95 &&
    name.charCodeAt(n - 1) === 95 &&
    name.charCodeAt(n - 2) === 95
  );
}

/** Is `name` refused as a property name? */
export function isForbiddenProperty(name: string): boolean {
  return FORBIDDEN_PROPERTY_NAMES.has(name) || isDunder(name);
}

/** Is `name` refused as a root identifier or helper name? */
export function isForbiddenRoot(name: string): boolean {
  return FORBIDDEN_ROOT_NAMES.has(name) || isDunder(name);
}
