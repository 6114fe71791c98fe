export interface Tallies {
  readonly total: { readonly responses: number; readonly levels: Record<string, number> };
}

/** Logs in as a staff member (POST /api/auth/login) and returns the bearer token. */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Today's tallies of a unit (GET /api/units/:unitId/tallies). */
export async function tallies(baseUrl: string, token: string, unitId: string): Promise<Tallies> {
  const res = await fetch(`${baseUrl}/api/units/${unitId}/tallies`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`tallies failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Tallies;
}

/** Adds a rating point serving `formKey` to a unit (POST /api/admin/units/:unitId/points); returns its token. */
export async function addPoint(baseUrl: string, adminToken: string, unitId: string, label: string, formKey: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/admin/units/${unitId}/points`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label, formKey }),
  });
  if (res.status !== 201) throw new Error(`add point failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Sends one citizen response to a point (POST /api/public/responses). */
export async function respond(baseUrl: string, token: string, answers: Record<string, number>, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await fetch(`${baseUrl}/api/public/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, clientId: crypto.randomUUID(), answers, ...extra }),
  });
  if (res.status !== 201) throw new Error(`response failed: ${res.status} ${await res.text()}`);
}
