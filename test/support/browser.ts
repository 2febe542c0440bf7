import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe } from 'vitest';

/**
 * Where the browser tests find Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
 * playwright-core downloads no browser; install one with `apt-get install chromium fonts-noto-cjk`
 * (the fonts draw the console's Chinese) or point CHROMIUM_PATH at any Chromium/Chrome binary.
 */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const NO_CHROMIUM_MESSAGE =
  `Browser tests skipped: no Chromium at ${chromiumPath}. Install it with \`sudo apt-get install chromium fonts-noto-cjk\` ` +
  `or set CHROMIUM_PATH=/path/to/chromium (浏览器测试已跳过：未找到 Chromium，请安装 chromium 与 fonts-noto-cjk，或设置 CHROMIUM_PATH)`;

/** `describe` for suites that need the browser: skipped, with the message above, when Chromium is missing. */
export function describeWithBrowser(name: string, body: () => void): void {
  if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);
  describe.skipIf(!hasChromium)(hasChromium ? name : `${name} — skipped: no Chromium (see CHROMIUM_PATH)`, body);
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium) throw new Error(NO_CHROMIUM_MESSAGE);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Run a browser step; on failure save a screenshot under test-artifacts/ and rethrow. */
export async function withScreenshot<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    const dir = path.resolve('test-artifacts');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true }).catch(() => {});
    throw err;
  }
}
