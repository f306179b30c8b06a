import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { consoleDir } from '../../api/console/console-assets';
import { launchChromium, WatchedPage, type BrowserSession } from './browser';
import { createIntegrationContext, type IntegrationContext, type IntegrationOptions } from './harness';

/**
 * The setup every console browser test repeats: the built console, the real system (API on a free
 * port with dev sign-in, Temporal worker, PostgreSQL), headless Chromium, and pages that fail the test
 * on any console or page error. Call once at the top of a `describe`; it registers the jest hooks, and
 * its fields are set once `beforeAll` has run.
 */
export interface ConsoleInBrowser {
  ctx: IntegrationContext;
  /** The API's origin, e.g. http://127.0.0.1:43123. */
  base: string;
  chrome: BrowserSession;
  /** A new watched page, signed in through the development sign-in as `userId`. */
  signedIn(userId: string, viewport?: { width: number; height: number }): Promise<WatchedPage>;
}

export function consoleInBrowser(opts: IntegrationOptions = {}): ConsoleInBrowser {
  const pages: WatchedPage[] = [];
  const it = {} as ConsoleInBrowser;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(consoleDir(), 'index.html'))) throw new Error(`The console is not built (${consoleDir()}): run npm run build:console (npm test does)`);
    it.ctx = await createIntegrationContext({ ...opts, api: true, env: { DEV_SIGN_IN: 'true', ...opts.env } });
    await it.ctx.app!.listen(0, '127.0.0.1');
    it.base = `http://127.0.0.1:${(it.ctx.app!.getHttpServer().address() as AddressInfo).port}`;
    it.chrome = await launchChromium();
  });

  afterEach(async () => {
    const errors = pages.flatMap((p) => p.errors);
    await Promise.all(pages.splice(0).map((p) => p.close()));
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await it.chrome?.close();
    await it.ctx?.close();
  });

  it.signedIn = async (userId, viewport) => {
    const w = await WatchedPage.open(it.chrome.browser, viewport);
    pages.push(w);
    await w.page.goto(`${it.base}/`);
    await w.page.locator(`[data-user="${userId}"]`).click();
    await w.page.getByRole('button', { name: 'Sign out' }).waitFor();
    return w;
  };
  return it;
}
