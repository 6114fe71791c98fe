import type { DemoInfo } from './services/demo.service.ts';

/**
 * What `npm start` prints once it listens: where the staff sign in, where the public board of
 * each unit is (the first few), and the demo's logins when there is a demo. Plain text, English
 * like every log line, with the Vietnamese names of the screens.
 */
export function bannerLines(a: { url: string; units: { code: string; name: string }[]; demo: DemoInfo | undefined; adminEnabled: boolean }): string[] {
  const shown = a.units.slice(0, 3);
  const lines = [
    '',
    `  Hài Lòng is running at ${a.url}`,
    `  Home page (links to both):   ${a.url}/`,
    `  Staff screens (cán bộ):      ${a.url}/app/staff`,
    shown.length === 0
      ? `  Public board (công khai):    ${a.url}/board/<unit code>  (no unit yet: create one with npm run admin)`
      : `  Public board (công khai):    ${shown.map((u) => `${a.url}/board/${encodeURIComponent(u.code)}`).join('\n                               ')}${a.units.length > shown.length ? `\n                               … and ${a.units.length - shown.length} more: ${a.url}/board/<unit code>` : ''}`,
  ];
  if (a.demo) {
    lines.push(
      `  Demo unit: UBND xã Nam Dong (${a.demo.unitCode})`,
      `    counter QR web link: ${a.demo.counterWebLink}`,
      `    desk QR web link:    ${a.demo.deskWebLink}`,
      `    counter Zalo link:   ${a.demo.counterDeepLink}`,
      `    clerk login:    ${a.demo.clerk.username} / ${a.demo.clerk.password}`,
      `    chairman login: ${a.demo.chairman.username} / ${a.demo.chairman.password}`,
    );
  }
  lines.push(`  Admin API: ${a.adminEnabled ? 'enabled (ADMIN_TOKEN set)' : 'disabled: set ADMIN_TOKEN to enable'}`, '');
  return lines;
}
