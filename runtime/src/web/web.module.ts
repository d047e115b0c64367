import type { ModuleFactory } from '../app/RuntimeModule';
import { landingPage } from './landingPage';

/** Serves `/` (the landing page until the web app lands). */
export const webModule: ModuleFactory = (deps) => ({
  name: 'web',
  mount(_app, root) {
    const html = landingPage({ seeded: deps.config.seedDemo });
    root.get('/', (ctx) => {
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('Content-Security-Policy', "default-src 'self'; style-src 'unsafe-inline'");
      ctx.body = html;
    });
  },
});
