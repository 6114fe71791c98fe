import { describe, expect, it } from 'vitest';
import { readTokens } from '../../src/db/zalo-tokens.repository.ts';
import { OaClient } from '../../src/zalo/oa-client.ts';
import { OaTokenStore } from '../../src/zalo/token-store.ts';
import { useTestbed } from '../helpers/testbed.ts';

describe('OA token refresh', () => {
  // The bed resets the fake before each test: the env's token pair, no refresh made yet.
  const bed = useTestbed({ zalo: true, unit: false });

  /** A "replica": its own token store (own lease owner) on the shared database. */
  const replica = (name: string) => {
    const tokens = new OaTokenStore({ db: bed.deps.db, config: bed.deps.config, now: bed.deps.now, logger: bed.deps.logger, owner: name });
    return { tokens, oa: new OaClient(bed.deps.config, tokens) };
  };

  it('two refreshes racing keep one valid pair, and the used refresh token is never sent again', async () => {
    const a = replica('a');
    const b = replica('b');
    expect(await a.tokens.accessToken()).toBe('access-1');
    bed.fake.expireAccessToken();
    bed.fake.refreshDelayMs = 150;
    const sent = await Promise.all([a.oa.sendText('u1', 'một'), b.oa.sendText('u2', 'hai'), a.oa.sendText('u3', 'ba'), b.oa.sendText('u4', 'bốn')]);
    expect(sent.map((s) => s.kind)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(bed.fake.refreshCalls).toBe(1);
    expect(bed.fake.reusedRefreshTokens).toEqual([]);
    const stored = await readTokens(bed.deps.db.kysely);
    expect(stored).toMatchObject({ accessToken: bed.fake.accessToken, refreshToken: bed.fake.refreshToken, version: 2 });

    // The next rotation sends the new refresh token, never refresh-1 again.
    bed.fake.expireAccessToken();
    expect((await b.oa.sendText('u5', 'năm')).kind).toBe('sent');
    expect(bed.fake.refreshCalls).toBe(2);
    expect(bed.fake.reusedRefreshTokens).toEqual([]);
    expect(bed.fake.usedRefreshTokens).toEqual(new Set(['refresh-1', 'refresh-2']));
  });

  it('refreshes ahead of expiry, before Zalo rejects anything', async () => {
    const a = replica('a');
    expect(await a.tokens.accessToken()).toBe('access-1');
    await a.tokens.refresh((await readTokens(bed.deps.db.kysely))!.version);
    expect(bed.fake.refreshCalls).toBe(1);
    const { accessExpiresAt } = (await readTokens(bed.deps.db.kysely))!;
    expect(Date.parse(accessExpiresAt!) - bed.deps.now().getTime()).toBe(90_000_000);
    bed.deps.setNow(new Date(Date.parse(accessExpiresAt!) - 10 * 60_000).toISOString());
    const beforeAhead = bed.fake.accessToken;
    expect(await a.tokens.accessToken()).toBe(bed.fake.accessToken);
    expect(bed.fake.accessToken).not.toBe(beforeAhead);
    expect(bed.fake.refreshCalls).toBe(2);
  });

  it('a refused refresh keeps the stored pair and reports the OA unavailable, without secrets in logs', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../src/logger.ts');
    const tokens = new OaTokenStore({ db: bed.deps.db, config: bed.deps.config, now: bed.deps.now, logger: createLogger('debug', (l) => lines.push(l)) });
    const oa = new OaClient(bed.deps.config, tokens);
    await tokens.accessToken();
    bed.fake.expireAccessToken();
    bed.fake.fail('/v4/oa/access_token', { error: -14014, message: 'Invalid refresh token' });
    const out = await oa.sendText('u1', 'x');
    expect(out.kind).toBe('retry');
    expect((await readTokens(bed.deps.db.kysely))!.refreshToken).toBe('refresh-1');
    const log = lines.join('');
    for (const secret of ['refresh-1', 'access-1', bed.fake.appSecret, bed.fake.oaSecretKey]) expect(log).not.toContain(secret);
  });

  it('times out instead of hanging when Zalo does not answer', async () => {
    const a = replica('a');
    bed.fake.fail('/v3.0/oa/message/cs', 'timeout');
    const started = performance.now();
    const out = await a.oa.sendText('u1', 'x');
    expect(out).toMatchObject({ kind: 'retry', code: 'timeout' });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
