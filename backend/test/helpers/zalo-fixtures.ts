import { webhookMac } from '../../src/zalo/signature.ts';
import type { FakeZalo } from './fake-zalo.ts';
import type { TestDeps } from './test-deps.ts';
import type { testApp } from './fixtures.ts';

/** A webhook request as Zalo would sign it: raw body + X-ZEvent-Signature. */
export function signedEvent(fake: FakeZalo, event: Record<string, unknown>, opts: { secret?: string } = {}): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event);
  const mac = webhookMac(String(event['app_id']), new TextEncoder().encode(body), String(event['timestamp']), opts.secret ?? fake.oaSecretKey);
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` } };
}

export function textEvent(fake: FakeZalo, deps: TestDeps, sender: string, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    app_id: fake.appId,
    user_id_by_app: `app-${sender}`,
    event_name: 'user_send_text',
    timestamp: String(deps.now().getTime()),
    sender: { id: sender },
    recipient: { id: 'oa-1' },
    message: { text, msg_id: `msg-${crypto.randomUUID()}` },
    ...extra,
  };
}

export async function postWebhook(t: ReturnType<typeof testApp>, signed: { body: string; headers: Record<string, string> }): Promise<Response> {
  return t.app.request('/webhooks/zalo', { method: 'POST', headers: signed.headers, body: signed.body });
}

/** Links a staff account to a Zalo user through the real flow: code → signed text event → processor. */
export async function linkStaff(t: ReturnType<typeof testApp>, deps: TestDeps, fake: FakeZalo, login: Record<string, string>, zaloUserId: string, body?: unknown): Promise<void> {
  const res = await t.post('/api/auth/zalo-link', body ?? {}, login);
  if (res.status !== 201) throw new Error(`zalo-link: ${res.status} ${await res.text()}`);
  const { code } = (await res.json()) as { code: string };
  const hook = await postWebhook(t, signedEvent(fake, textEvent(fake, deps, zaloUserId, code)));
  if (hook.status !== 200) throw new Error(`webhook: ${hook.status}`);
  const { processEvents } = await import('../../src/jobs/zalo-events.ts');
  await processEvents(deps);
}
