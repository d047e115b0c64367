export { parseIsoDuration, addIsoDuration, type IsoDuration } from './parseIsoDuration';
export { parseIsoDate } from './parseIsoDate';
export { nextCronDate, isCronExpression } from './nextCronDate';
export { nextTimerDate, type NextTimer, type TimerSchedule } from './nextTimerDate';
