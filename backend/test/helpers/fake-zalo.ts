import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake does with the next call to an endpoint, before its normal answer. */
export type Fault = 'pass' | 'http500' | 'timeout' | { error: number; message?: string };

export interface SentMessage {
  userId: string;
  text: string;
}

/**
 * A local Zalo on 127.0.0.1 (real HTTP, port 0) with Zalo's answer shapes: HTTP 200 and an
 * `error` code. OA messages check the access token; refresh tokens rotate and are single-use
 * (the old access token dies with them); the Graph check verifies appsecret_proof. Faults can
 * be queued per endpoint, or set per recipient (e.g. -230).
 */
export class FakeZalo {
  readonly appId = '1234567890';
  readonly appSecret = 'fake-app-secret';
  readonly oaSecretKey = 'fake-oa-secret-key';
  url = '';
  accessToken = 'access-1';
  refreshToken = 'refresh-1';
  readonly messages: SentMessage[] = [];
  readonly templates: { phone: string; templateId: string; data: Record<string, string>; trackingId: string }[] = [];
  readonly usedRefreshTokens = new Set<string>();
  /** Refresh tokens sent again after they were used (must stay empty). */
  readonly reusedRefreshTokens: string[] = [];
  refreshCalls = 0;
  /** Delay of the token endpoint (widens refresh races). */
  refreshDelayMs = 0;
  /** Graph /v2.0/me: user access token → user id. */
  readonly miniAppUsers = new Map<string, string>();
  graphDelayMs = 0;
  /** Requests seen per path (including failed ones). */
  readonly hits = new Map<string, number>();
  readonly #faults = new Map<string, Fault[]>();
  readonly #perUser = new Map<string, number>();
  #n = 1;
  readonly #server = createServer((req, res) => void this.#handle(req, res));

  async start(): Promise<this> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((r) => this.#server.close(() => r()));
  }

  /** Environment pointing the backend at this fake, with the OA's first token pair. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ZALO_APP_ID: this.appId,
      ZALO_APP_SECRET: this.appSecret,
      ZALO_OA_SECRET_KEY: this.oaSecretKey,
      ZALO_OA_ACCESS_TOKEN: 'access-1',
      ZALO_OA_REFRESH_TOKEN: 'refresh-1',
      ZALO_OPENAPI_URL: this.url,
      ZALO_OAUTH_URL: this.url,
      ZALO_GRAPH_URL: this.url,
      ZALO_BUSINESS_URL: this.url,
      ZALO_HTTP_TIMEOUT_MS: '400',
      ZALO_VERIFY_TIMEOUT_MS: '300',
      ...extra,
    };
  }

  /** Queue faults for the next calls to a path ('/v3.0/oa/message/cs', …). */
  fail(path: string, ...faults: Fault[]): void {
    this.#faults.set(path, [...(this.#faults.get(path) ?? []), ...faults]);
  }

  /** Forgets queued faults, per-user answers, what was sent and rotated tokens (between tests: each test's server starts from fake.env()'s tokens). */
  reset(): void {
    this.#n = 1;
    this.accessToken = 'access-1';
    this.refreshToken = 'refresh-1';
    this.usedRefreshTokens.clear();
    this.reusedRefreshTokens.length = 0;
    this.#faults.clear();
    this.#perUser.clear();
    this.messages.length = 0;
    this.templates.length = 0;
  }

  /** Every message to this user answers with this error code (0 clears it). */
  answerForUser(userId: string, error: number): void {
    if (error === 0) this.#perUser.delete(userId);
    else this.#perUser.set(userId, error);
  }

  /** The access token stops working (as after expiry). */
  expireAccessToken(): void {
    this.accessToken = `expired-${this.accessToken}`;
  }

  messagesTo(userId: string): string[] {
    return this.messages.filter((m) => m.userId === userId).map((m) => m.text);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const fault = this.#faults.get(path)?.shift();
    if (fault === 'timeout') return; // never answers; the socket closes with the server
    if (fault === 'http500') return json(500, { message: 'Internal Server Error' });
    if (fault && fault !== 'pass') return json(200, { error: fault.error, message: fault.message ?? 'fault' });
    const header = (name: string) => String(req.headers[name] ?? '');

    if (path === '/v4/oa/access_token' && req.method === 'POST') {
      this.refreshCalls++;
      if (this.refreshDelayMs) await new Promise((r) => setTimeout(r, this.refreshDelayMs));
      const form = new URLSearchParams(raw);
      const token = form.get('refresh_token') ?? '';
      if (this.usedRefreshTokens.has(token)) this.reusedRefreshTokens.push(token);
      if (header('secret_key') !== this.appSecret || form.get('app_id') !== this.appId || form.get('grant_type') !== 'refresh_token') {
        return json(200, { error: -14002, error_name: 'Invalid app', error_description: 'app_id or secret_key is invalid' });
      }
      if (token !== this.refreshToken) return json(200, { error: -14014, error_name: 'Invalid refresh token', error_description: 'refresh token is invalid or used' });
      this.usedRefreshTokens.add(token);
      this.#n++;
      this.accessToken = `access-${this.#n}`;
      this.refreshToken = `refresh-${this.#n}`;
      return json(200, { access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: '90000' });
    }

    if (path === '/v2.0/me' && req.method === 'GET') {
      if (this.graphDelayMs) await new Promise((r) => setTimeout(r, this.graphDelayMs));
      const token = header('access_token');
      const proof = createHmac('sha256', this.appSecret).update(token).digest('hex');
      const id = this.miniAppUsers.get(token);
      if (!id) return json(200, { error: -501, message: 'Access token is invalid' });
      if (header('appsecret_proof') !== proof) return json(200, { error: -503, message: 'appsecret_proof is invalid' });
      return json(200, { id, error: 0, message: 'Success' });
    }

    if (header('access_token') !== this.accessToken) return json(200, { error: -216, message: 'Access token is invalid' });

    if (path === '/v3.0/oa/message/cs' && req.method === 'POST') {
      const body = JSON.parse(raw) as { recipient?: { user_id?: string }; message?: { text?: string } };
      const userId = body.recipient?.user_id ?? '';
      const text = body.message?.text ?? '';
      if (!userId || !text) return json(200, { error: -201, message: 'Parameters are invalid' });
      const code = this.#perUser.get(userId);
      if (code) return json(200, { error: code, message: `error ${code}` });
      this.messages.push({ userId, text });
      return json(200, { error: 0, message: 'Success', data: { message_id: `m${this.messages.length}`, user_id: userId } });
    }

    if (path === '/message/template' && req.method === 'POST') {
      const body = JSON.parse(raw) as { phone: string; template_id: string; template_data: Record<string, string>; tracking_id: string };
      if (!/^84\d{9}$/.test(body.phone)) return json(200, { error: -108, message: 'Phone number is invalid' });
      this.templates.push({ phone: body.phone, templateId: body.template_id, data: body.template_data, trackingId: body.tracking_id });
      return json(200, { error: 0, message: 'Success', data: { msg_id: `z${this.templates.length}`, sent_time: String(Date.now()) } });
    }
    return json(404, { error: 404, message: 'not found' });
  }
}

export async function startFakeZalo(): Promise<FakeZalo> {
  return new FakeZalo().start();
}
