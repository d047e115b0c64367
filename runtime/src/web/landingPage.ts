import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demoData';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page served at `/` when the web app (designer/dist) is not built: what
 * is running, how to build the app, where the APIs are, and the demo logins.
 * zh-CN with English.
 * Built from constants only (no request data), escaped anyway.
 */
export function landingPage(opts: { seeded: boolean }): string {
  const rows = DEMO_USERS.map(
    (u) => `<tr><td><code>${escapeHtml(u.username)}</code></td><td>${escapeHtml(u.displayName)}</td><td>${escapeHtml(u.roleKey)}</td></tr>`,
  ).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SafeFlow 安全生产服务平台</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#1f2937}
h1{font-size:1.5rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:.4rem;text-align:left;word-break:keep-all;overflow-wrap:anywhere}
code{background:#f3f4f6;padding:0 .3rem;border-radius:3px}.ok{color:#15803d}</style></head>
<body>
<h1>SafeFlow 安全生产服务平台 <small>· low-code forms &amp; BPMN engine</small></h1>
<p class="ok">服务运行中 / The server is running.</p>
<p>Web 应用尚未构建：运行 <code>npm run build -w designer</code>（或 <code>npm start</code>，会自动构建）后刷新。<br>
The web app is not built: run <code>npm run build -w designer</code> (or <code>npm start</code>, which builds it) and reload.</p>
<ul>
<li><a href="/api/v1/health">/api/v1/health</a> — 健康检查 / health</li>
<li><a href="/api/v1/openapi.json">/api/v1/openapi.json</a> — 平台 API 文档（OpenAPI 3.1）/ platform API</li>
<li><code>/engine-rest</code> — Camunda 7 兼容流程引擎 REST（Basic / Bearer 认证）/ Camunda-7-compatible engine REST</li>
</ul>
${
  opts.seeded
    ? `<h2>演示账号 / Demo logins</h2><p>密码 / password: <code>${escapeHtml(DEMO_PASSWORD)}</code> — <code>POST /api/v1/auth/login</code></p>
<table><thead><tr><th>用户名</th><th>名称</th><th>角色</th></tr></thead><tbody>${rows}</tbody></table>`
    : ''
}
</body></html>`;
}
