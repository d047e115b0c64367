export default {
  nav: 'Dispatch',
  grade: 'Grade {g}',
  exercise: 'Exercise',
  events: { title: 'Command dispatch', empty: 'No event is being handled' },
  event: {
    summary: 'Summary',
    place: 'Place',
    commander: 'Commander',
    description: 'Situation',
    orders: 'Orders ({n})',
    refreshed: 'updated {t}',
    refreshFailed: 'Refresh failed: {m} (showing the last data)',
    leader: 'Leader: {u}',
    note: 'Note (optional)',
    stepDone: 'Now: {s}',
  },
  errors: {
    dispatch_not_leader: 'Only the order’s leader or the commander may update it',
    dispatch_invalid_status: 'The order cannot make this step from its current state; reload and try again',
    dispatch_event_not_handling: 'The event is no longer being handled; its orders cannot change',
    concurrency_conflict: 'Someone else just updated this order; it has been reloaded, please try again',
  },
};
