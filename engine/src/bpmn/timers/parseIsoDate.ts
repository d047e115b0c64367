import { invalidTimer } from './invalidTimer';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO 8601 date or date-time. A value without a zone designator is
 * read as UTC (SafeFlow servers never depend on their local zone).
 * Throws `SafeFlowError('bpmn.invalid_timer')` when the text is not an ISO date.
 */
export function parseIsoDate(text: string): Date {
  const src = text.trim();
  const m = ISO_DATE.exec(src);
  if (!m) throw invalidTimer(`Invalid ISO 8601 date '${text}'`, text);
  let normalised = src.replace(' ', 'T').replace(',', '.');
  if (normalised.length === 10) normalised += 'T00:00:00Z';
  else if (m[1] === undefined) normalised += 'Z';
  const d = new Date(normalised);
  if (Number.isNaN(d.getTime())) throw invalidTimer(`Invalid ISO 8601 date '${text}'`, text);
  return d;
}
