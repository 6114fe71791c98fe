import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookMac } from '../../src/zalo/signature.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { useTestbed } from '../helpers/testbed.ts';

/** Polls until `check` holds (bounded). */
async function eventually(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the real server process with a fake Zalo', () => {
  // One server for the file: the fake is reset once, before it starts (and closed after it stops).
  const bed = useTestbed({ zalo: true, db: false, fresh: 'file' });
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ env: bed.fake.env({ ALERT_POLL_MS: '200', ALERT_NOTIFY_CLERK: 'false' }) });
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  const api = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('links the chairman over the webhook and delivers a low-rating alert through the running dispatcher; stops cleanly', async () => {
    const login = (await (await api('/api/auth/login', server.demo.chairman)).json()) as { token: string };
    const auth = { authorization: `Bearer ${login.token}` };
    const { code } = (await (await api('/api/auth/zalo-link', {}, auth)).json()) as { code: string };

    const event = { app_id: bed.fake.appId, user_id_by_app: 'app-chair', event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: 'z-chair' }, recipient: { id: 'oa' }, message: { text: code, msg_id: 'm-1' } };
    const raw = JSON.stringify(event);
    const mac = webhookMac(bed.fake.appId, new TextEncoder().encode(raw), event.timestamp, bed.fake.oaSecretKey);
    const hook = await fetch(`${server.url}/webhooks/zalo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` }, body: raw });
    expect(hook.status).toBe(200);
    await eventually(() => bed.fake.messagesTo('z-chair').length === 1);

    const res = await api('/api/public/responses', {
      token: server.demo.counterToken,
      clientId: crypto.randomUUID(),
      answers: { overall: 1, access: 2, attitude: 2, responsibility: 2, guidance: 2 },
      issues: ['harassment'],
    });
    expect(res.status).toBe(201);
    await eventually(() => bed.fake.messagesTo('z-chair').length === 2);
    expect(bed.fake.messagesTo('z-chair')[1]).toContain('nhũng nhiễu');
    expect(server.output()).not.toContain(bed.fake.oaSecretKey);
    expect(server.output()).not.toContain('refresh-1');
    await server.stop();
    expect(server.child.exitCode).toBe(0);
  });
});
