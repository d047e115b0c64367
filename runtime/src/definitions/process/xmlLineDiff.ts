/** One changed line of a {@link xmlLineDiff}: removed from `from` (line number there) or added in `to`. */
export interface LineChange {
  op: 'removed' | 'added';
  /** 1-based line number in the version it belongs to. */
  line: number;
  text: string;
}

/**
 * Line-based diff of two texts (longest common subsequence on trimmed
 * lines, so re-indentation is not a change): the removed and added lines in
 * document order. Files past 4,000 lines fall back to a prefix/suffix trim
 * around one changed block.
 */
export function xmlLineDiff(from: string, to: string): LineChange[] {
  const a = from.split(/\r?\n/);
  const b = to.split(/\r?\n/);
  const ta = a.map((l) => l.trim());
  const tb = b.map((l) => l.trim());
  let start = 0;
  while (start < ta.length && start < tb.length && ta[start] === tb[start]) start++;
  let endA = ta.length;
  let endB = tb.length;
  while (endA > start && endB > start && ta[endA - 1] === tb[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  const out: LineChange[] = [];
  if (n > 4000 || m > 4000) {
    for (let i = start; i < endA; i++) out.push({ op: 'removed', line: i + 1, text: a[i]! });
    for (let j = start; j < endB; j++) out.push({ op: 'added', line: j + 1, text: b[j]! });
    return out;
  }
  // lcs[i][j] = LCS length of ta[start+i..endA) and tb[start+j..endB)
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        ta[start + i] === tb[start + j]
          ? lcs[i + 1]![j + 1]! + 1
          : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ta[start + i] === tb[start + j]) {
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ op: 'removed', line: start + i + 1, text: a[start + i]! });
      i++;
    } else {
      out.push({ op: 'added', line: start + j + 1, text: b[start + j]! });
      j++;
    }
  }
  return out;
}
