import { SafeFlowError } from '../../errors';

/** One problem found while parsing, as reported in `details.errors` of a `bpmn.parse` error. */
export interface ParseIssue {
  message: string;
  line?: number;
  column?: number;
  elementId?: string;
}

/**
 * Collects parse errors and warnings so one deployment reports every problem
 * at once. Positions of elements are found by locating `id="..."` in the
 * source text (moddle keeps no positions), computed lazily.
 */
export class ParseIssues {
  readonly errors: ParseIssue[] = [];
  readonly warnings: string[] = [];
  private lineStarts?: number[];

  constructor(private readonly xml: string) {}

  /** Records an error, located at the element when `elementId` is given. */
  error(message: string, elementId?: string): void {
    this.errors.push({ message, ...(elementId === undefined ? {} : { elementId, ...this.locate(elementId) }) });
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Records a moddle message that carries `line: N` / `column: N` in its text. */
  errorFromModdle(message: string): void {
    const line = /line: (\d+)/.exec(message);
    const column = /column: (\d+)/.exec(message);
    const first = message.split('\n')[0];
    const nested = /nested error: (.*)/.exec(message);
    this.errors.push({
      message: nested ? `${first}: ${nested[1]}` : first,
      ...(line ? { line: Number(line[1]) } : {}),
      ...(column ? { column: Number(column[1]) } : {}),
    });
  }

  /** Throws `SafeFlowError('bpmn.parse')` listing every error, if any were recorded. */
  throwIfErrors(): void {
    if (this.errors.length === 0) return;
    const head = this.errors[0].message;
    const more = this.errors.length > 1 ? ` (and ${this.errors.length - 1} more)` : '';
    throw new SafeFlowError('bpmn.parse', `Invalid BPMN: ${head}${more}`, { status: 400, details: { errors: this.errors } });
  }

  private locate(elementId: string): { line?: number; column?: number } {
    let at = this.xml.indexOf(`id="${elementId}"`);
    if (at < 0) at = this.xml.indexOf(`id='${elementId}'`);
    if (at < 0) return {};
    const tagStart = this.xml.lastIndexOf('<', at);
    const offset = tagStart >= 0 ? tagStart : at;
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.xml.length; i++) if (this.xml.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }
}
