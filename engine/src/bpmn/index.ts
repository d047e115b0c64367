/**
 * SafeFlow's BPMN executor: parse Camunda 7 BPMN once (`parseBpmn`), then run
 * instances through the pure, synchronous {@link ProcessExecutor} port.
 */
export * from './ports';
export { parseBpmn, parseProcessModels, type ParsedDeployment } from './parse/parseBpmn';
export type { ParseIssue } from './parse/ParseIssues';
export { createExecutor } from './executor/createExecutor';
export type * from './model/ProcessModel';
export { nextTimerDate, parseIsoDuration, addIsoDuration, parseIsoDate, nextCronDate, type IsoDuration, type NextTimer, type TimerSchedule } from './timers';
export { toTypedValue, fromTypedValue } from './variables';
