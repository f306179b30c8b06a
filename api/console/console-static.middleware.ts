import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { CONSOLE_BASE } from './console-assets';

/** Vite puts every file whose name carries a content hash under assets/: cache them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: always revalidate, so a deploy is picked up at once. */
const REVALIDATE = 'no-cache';
/** Paths below /console that are API routes, not files. */
const API_PATHS = new Set(['/config']);

/**
 * Serves the built console below /console: hashed assets with long-lived caching, other files as they
 * are, and index.html for every other path (client-side routes). Files are public; the API's routes
 * keep their guard because this only answers below /console.
 */
export function consoleStaticMiddleware(dir: string) {
  const logger = new Logger('Console');
  const index = path.join(dir, 'index.html');
  let warned = false;

  return (req: Request, res: Response, next: NextFunction): void => {
    const pathname = decodePath(req.originalUrl);
    if (pathname === null || !pathname.startsWith(CONSOLE_BASE)) return next();
    const rel = pathname.slice(CONSOLE_BASE.length);
    if (API_PATHS.has(rel)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (rel === '') return res.redirect(301, `${CONSOLE_BASE}/`);

    if (!fs.existsSync(index)) {
      if (!warned) logger.warn(`the console is not built (no ${index}): run npm run build`);
      warned = true;
      res.status(503).type('text/plain').send('The Riskdesk console is not built. Run `npm run build` (npm start does it for you).');
      return;
    }
    const file = rel.startsWith('/') ? rel.slice(1) : rel;
    if (file.startsWith('assets/')) {
      return sendFile(res, dir, file, IMMUTABLE, next);
    }
    if (file !== '' && !file.includes('/') && fs.existsSync(path.join(dir, file)) && path.join(dir, file) !== index) {
      return sendFile(res, dir, file, REVALIDATE, next);
    }
    return sendFile(res, dir, 'index.html', REVALIDATE, next);
  };
}

function sendFile(res: Response, root: string, file: string, cacheControl: string, next: NextFunction): void {
  res.sendFile(file, { root, dotfiles: 'deny', cacheControl: false, lastModified: true, headers: { 'Cache-Control': cacheControl } }, (err) => {
    if (!err) return;
    if (res.headersSent) return;
    const status = (err as { status?: number }).status;
    if (status === 404) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    next(err);
  });
}

/** The decoded path of a request URL; null for a malformed one (left to Nest's 404). */
function decodePath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://console.invalid').pathname);
  } catch {
    return null;
  }
}
