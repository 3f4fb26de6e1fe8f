import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { aptInstallAsRoot, isExecutable, pathDirs } from './system-tools.ts';

/** Flags known to work in containers and CI: no sandbox, no GPU, no background traffic. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
] as const;

const names = ['chromium', 'chromium-browser'] as const;
const howToInstall =
  'Chromium is needed for the browser tests: install it (Debian: `apt-get install chromium`) or set CHROME_PATH to a Chromium/Chrome binary.';

function onPath(): string | null {
  for (const dir of pathDirs()) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * Finds Chromium: `CHROME_PATH`, else `chromium` / `chromium-browser` on the PATH. When neither
 * exists and we run as root with apt, installs Debian's `chromium`; otherwise throws saying how.
 */
export function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is ${fromEnv}, which is not an executable file. ${howToInstall}`);
  }
  const found = onPath();
  if (found) return found;
  if (aptInstallAsRoot('chromium')) {
    const installed = onPath();
    if (installed) return installed;
  }
  throw new Error(howToInstall);
}

/** Starts headless Chromium through playwright-core with a fresh profile (playwright makes one per launch). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: [...chromiumArgs] });
}

/**
 * A page as the browser tests see the UI: 1280×800 (a laptop, the record sidebar at its usual
 * width), en-US and UTC so formatting is stable, 8 s for any wait. `bypassCSP` only for the XSS
 * corpus, which measures the UI's own escaping.
 */
export async function openTestPage(browser: Browser, options: { bypassCSP?: boolean } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    timezoneId: 'UTC',
    ...options,
  });
  context.setDefaultTimeout(8_000);
  return { context, page: await context.newPage() };
}
