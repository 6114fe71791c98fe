import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, miniAppCsp } from './mini-app.routes.ts';

const html = `<html><head><script>
  var a = 1;
</script><script type="module" src="./assets/index.js"></script><script>var b = 2;</script></head></html>`;
const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('the web app’s Content-Security-Policy', () => {
  it('hashes each inline script exactly as written, and no script with a src', () => {
    expect(inlineScriptHashes(html)).toEqual([sha('\n  var a = 1;\n'), sha('var b = 2;')]);
  });

  it('lets only this origin and those hashes run scripts, and names the API origins', () => {
    const csp = miniAppCsp(html, ['https://api.example.gov.vn', 'https://api.example.gov.vn']);
    expect(csp).toContain(`script-src 'self' ${sha('\n  var a = 1;\n')} ${sha('var b = 2;')}`);
    expect(csp).toContain("connect-src 'self' https://api.example.gov.vn;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe/);
  });
});
