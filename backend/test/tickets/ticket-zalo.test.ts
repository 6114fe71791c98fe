import { beforeAll, describe, expect, it } from 'vitest';
import { expectErrorShape } from '../helpers/fixtures.ts';
import { useTestbed } from '../helpers/testbed.ts';
import { expectTicketError, issue, rate } from './ticket-helpers.ts';

describe('receipt tickets and the verified Zalo user', () => {
  const bed = useTestbed({ zalo: true });
  beforeAll(() => bed.fake.miniAppUsers.set('citizen-token', 'app-user-7'));

  it('a citizen with two dossiers rates both at once (all of a unit\'s tickets share one point); each dossier once; the counter QR keeps its window', async () => {
    const a = await issue(bed, { dossierCode: 'HS-CUA-TOI-1' });
    const b = await issue(bed, { dossierCode: 'HS-CUA-TOI-2' });
    expect((await rate(bed, a.token, crypto.randomUUID(), { zaloAccessToken: 'citizen-token' })).status).toBe(201);
    expect((await rate(bed, b.token, crypto.randomUUID(), { zaloAccessToken: 'citizen-token' })).status).toBe(201);
    await expectTicketError(await rate(bed, a.token, crypto.randomUUID(), { zaloAccessToken: 'citizen-token' }), 409, 'ticket_used');
    const rows = await bed.deps.db.kysely.selectFrom('responses').select(['verification', 'channel']).execute();
    expect(rows).toEqual([
      { verification: 'verified', channel: 'zalo' },
      { verification: 'verified', channel: 'zalo' },
    ]);
    const counter = (clientId = crypto.randomUUID()) => rate(bed, bed.unit.counterToken, clientId, { zaloAccessToken: 'citizen-token' });
    expect((await counter()).status).toBe(201);
    await expectErrorShape(await counter(), 409, 'duplicate_response');
  });
});
