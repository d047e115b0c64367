export default {
  unknown: '发生未知错误',
  not_found: '数据不存在或无权访问',
  network: { unreachable: '无法连接服务器，请检查网络' },
  auth: {
    invalid_credentials: '用户名或密码错误',
    locked: '连续登录失败次数过多，账号已临时锁定',
    user_disabled: '账号已停用',
    invalid_token: '登录已失效，请重新登录',
    forbidden: '没有执行此操作的权限',
    unauthenticated: '请先登录',
    refresh_reused: '登录已失效，请重新登录',
  },
  task: {
    already_claimed: '该任务已被他人认领',
    not_found: '任务不存在或无权访问',
  },
  request: { invalid: '请求数据不合法：{message}' },
  internal: { error: '服务器内部错误' },
  http: { '500': '服务器内部错误', '502': '服务器暂不可用', '503': '服务器暂不可用' },
};
