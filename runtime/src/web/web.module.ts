import type { ModuleFactory } from '../app/RuntimeModule';
import { landingPage } from './landingPage';
import { serveSpa } from './serveSpa';
import { webDistDir } from './webDistDir';

/**
 * Serves the web app (designer/dist, see `webDistDir`) at `/` with history
 * fallback for every non-API path; when the app is not built, a plain page
 * says how to build it and links the APIs.
 */
export function webModuleFor(distDir: string): ModuleFactory {
  return (deps) => ({
    name: 'web',
    mount(app) {
      const fallback = landingPage({ seeded: deps.config.seedDemo });
      app.use(serveSpa(distDir, () => fallback));
    },
  });
}

/** The web module on the default dist directory. */
export const webModule: ModuleFactory = (deps) => webModuleFor(webDistDir())(deps);
