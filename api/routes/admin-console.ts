import Router from '@koa/router';
import { buildAdminBundle, type AdminBundle } from '../../admin/build.js';

const indexHtml = (timeZone: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="onex-timezone" content="${timeZone.replace(/[^\w/+-]/g, '')}">
<title>1+X 联络助手 · 管理后台</title>
<link rel="stylesheet" href="/admin/app.css">
</head>
<body>
<div id="app">加载中…</div>
<script type="module" src="/admin/app.js"></script>
</body>
</html>`;

/**
 * Serves the admin console at /admin: one HTML page and its bundle, built once on first use. The
 * page carries the service's time zone (TIMEZONE): the console shows every time in it.
 */
export function adminConsoleRoutes(timeZone = 'Asia/Shanghai'): Router {
  const INDEX_HTML = indexHtml(timeZone);
  const router = new Router();
  let bundle: Promise<AdminBundle> | undefined;
  const getBundle = () => (bundle ??= buildAdminBundle().catch((err) => ((bundle = undefined), Promise.reject(err))));

  router.get(['/admin', '/admin/'], (ctx) => {
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = INDEX_HTML;
  });
  router.get('/admin/app.js', async (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.body = (await getBundle()).js;
  });
  router.get('/admin/app.css', async (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.body = (await getBundle()).css;
  });
  return router;
}
