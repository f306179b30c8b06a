import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Headless Chromium for the console's browser tests: Debian's `chromium` package, driven by
 * playwright-core (Playwright's own browser download cannot work on our machines).
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium found (tried CHROMIUM_PATH, ${CANDIDATES.join(', ')}). Install it: apt-get update && apt-get install -y chromium`,
    );
  }
  return found;
}

export interface BrowserSession {
  browser: Browser;
  close(): Promise<void>;
}

/** playwright-core's `launch` gives Chromium a fresh temporary profile (user-data dir) and removes it on close. */
export async function launchChromium(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-artifacts/screenshots');

/**
 * A page that records every console error and page error. An HTTP error the test provokes on
 * purpose (a 400 to see the field messages) is declared with `expectHttpError`; anything else fails.
 */
export class WatchedPage {
  readonly errors: string[] = [];
  private expected: RegExp[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('pageerror', (err) => this.errors.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      const url = msg.location().url ?? '';
      if (/Failed to load resource/.test(text) && this.expected.some((re) => re.test(url))) return;
      this.errors.push(`console error: ${text} (${url})`);
    });
  }

  /** `options`: more of the browser context's settings, such as the time zone (`timezoneId`) its pages run in. */
  static async open(browser: Browser, viewport = { width: 1280, height: 860 }, options: BrowserContextOptions = {}): Promise<WatchedPage> {
    const context = await browser.newContext({ ...options, viewport });
    return new WatchedPage(context, await context.newPage());
  }

  /** Tolerates the browser's own "Failed to load resource" line for a request this test means to fail. */
  expectHttpError(url: RegExp): void {
    this.expected.push(url);
  }

  /** Saves a full-page screenshot, after checking the page for accessibility violations (they fail the test). */
  async screenshot(name: string): Promise<string> {
    const violations = await this.accessibilityViolations();
    if (violations.length) this.errors.push(...violations.map((v) => `accessibility (${name}): ${v}`));
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** Layout shift since the page loaded (the Layout Instability API), excluding shifts right after input. */
  async layoutShift(): Promise<number> {
    // Evaluated in the page (browser globals), hence a string rather than a typed function.
    return this.page.evaluate<number>(`new Promise((resolve) => {
      let total = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(total), 100);
    })`);
  }

  /**
   * axe-core's WCAG 2 A/AA checks (labels, contrast, landmarks, ARIA) on the page as it is now. Injected
   * through the DevTools protocol, so the console's Content-Security-Policy stays on.
   */
  async accessibilityViolations(): Promise<string[]> {
    const ready = await this.page.evaluate<boolean>('typeof window.axe === "object"');
    if (!ready) await this.page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const result = await this.page.evaluate<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }>(
      `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
    );
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
