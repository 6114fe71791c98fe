import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
export const DESKTOP = { viewport: { width: 1366, height: 768 } } as const;

/**
 * Collects the page's Content-Security-Policy violations (what the policy blocked), from before
 * its first script runs: a policy that blocks a part of the app shows up here, not as a silent
 * blank screen.
 */
export async function watchCsp(page: import('playwright-core').Page): Promise<() => Promise<string[]>> {
  // As source text: this file is also compiled without the DOM's types (scripts/bench-app.ts).
  await page.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  `);
  const fromConsole: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text());
  });
  return async () => [...((await page.evaluate('window.__cspViolations || []')) as string[]), ...fromConsole];
}
