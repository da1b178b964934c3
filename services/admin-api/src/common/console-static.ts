import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** Where the console's pages live on this origin. */
export const CONSOLE_PATH = '/console/';
/** Vite writes content-hashed file names under assets/: cached for a year. */
const ASSET = /^\/console\/assets\/[A-Za-z0-9._-]+$/;

/**
 * Serves the case console (services/console, built by infra/build-console.sh into `dir`) from the
 * admin API's own origin, so that its session is a SameSite=Strict cookie: hashed assets as files,
 * every other path under /console/ as index.html (the console routes in the browser), `/` and
 * `/console` redirected to `/console/`. Without a build: 503 CONSOLE_NOT_BUILT.
 */
export function serveConsole(dir: string) {
  const root = resolve(dir);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      next();
      return;
    }
    if (request.path === '/' || request.path === '/console') {
      response.redirect(302, CONSOLE_PATH);
      return;
    }
    if (!request.path.startsWith(CONSOLE_PATH)) {
      next();
      return;
    }
    if (!existsSync(join(root, 'index.html'))) {
      response.status(503).json({ statusCode: 503, code: 'CONSOLE_NOT_BUILT', message: 'the console is not built: run infra/build-console.sh' });
      return;
    }
    if (ASSET.test(request.path)) {
      const file = request.path.slice(CONSOLE_PATH.length);
      response.sendFile(file, { root, dotfiles: 'deny', immutable: true, maxAge: '365d' }, (error) => {
        if (error && !response.headersSent) response.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: 'no such console asset' });
      });
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile('index.html', { root }, (error) => {
      if (error && !response.headersSent) next(error);
    });
  };
}
