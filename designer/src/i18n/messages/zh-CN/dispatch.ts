export default {
  nav: '指挥调度',
  grade: '{g} 级',
  exercise: '演练',
  events: { title: '指挥调度', empty: '没有处置中的事件' },
  event: {
    summary: '处置总结',
    place: '地点',
    commander: '现场指挥',
    description: '情况',
    orders: '调度指令（{n}）',
    refreshed: '{t} 更新',
    refreshFailed: '刷新失败：{m}（显示的是上次的数据）',
    leader: '负责人：{u}',
    note: '反馈（可选）',
    stepDone: '已更新为：{s}',
  },
  errors: {
    dispatch_not_leader: '只有该指令的负责人或现场指挥可以更新它',
    dispatch_invalid_status: '该指令当前状态不能这样变更，请刷新后再试',
    dispatch_event_not_handling: '事件不在处置中，指令不能再变更',
    concurrency_conflict: '这条指令刚被别人更新过，已为你刷新，请再试一次',
  },
};
