import { SafeFlowError } from '@safeflow/engine/errors';

type Version = [number, number, number];

/** Parses `MAJOR.MINOR.PATCH` (a pre-release suffix is ignored). */
export function parseVersion(v: string): Version {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
  if (!m) throw new SafeFlowError('pack.bad_version', `'${v}' is not a version MAJOR.MINOR.PATCH`, { status: 400 });
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** Lower and upper bounds of `^x.y.z` and `~x.y.z`. */
function caretTilde(op: '^' | '~', v: string): Array<[string, string]> {
  const [a, b, c] = parseVersion(v);
  const upper = op === '~' ? `${a}.${b + 1}.0` : a > 0 ? `${a + 1}.0.0` : b > 0 ? `0.${b + 1}.0` : `0.0.${c + 1}`;
  return [['>=', v], ['<', upper]];
}

/**
 * Whether `version` satisfies the npm-style `range`: comparators
 * `>= <= > < =` (or a bare version), `^` and `~`, `*` or `x`, joined by
 * spaces (and) and `||` (or). Unparsable ranges throw `pack.bad_engine_range`.
 */
export function satisfies(version: string, range: string): boolean {
  return range.split('||').some((alt) => {
    const parts = alt.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) return true;
    return parts.every((p) => {
      if (p === '*' || p === 'x') return true;
      const m = /^(>=|<=|>|<|=|\^|~)?(v?\d+\.\d+\.\d+.*)$/.exec(p);
      if (!m) throw new SafeFlowError('pack.bad_engine_range', `'${range}' is not a version range`, { status: 400 });
      const op = m[1] ?? '=';
      const comparators: Array<[string, string]> = op === '^' || op === '~' ? caretTilde(op, m[2]!) : [[op, m[2]!]];
      return comparators.every(([o, v]) => {
        const c = compareVersions(version, v);
        return o === '>=' ? c >= 0 : o === '<=' ? c <= 0 : o === '>' ? c > 0 : o === '<' ? c < 0 : c === 0;
      });
    });
  });
}
