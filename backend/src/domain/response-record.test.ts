import { describe, expect, it } from 'vitest';
import { canonicalJson, chainHash, GENESIS_HASH } from './chain.ts';
import { hashedFacts, tallyCells, type ResponseFacts } from './response-record.ts';

const first: ResponseFacts = {
  id: '0193a1b2-0000-7000-8000-000000000001',
  unitId: 'unit-1',
  seq: 1,
  pointId: 'point-1',
  officerId: 'officer-1',
  fieldId: null,
  clientId: '6f1c1d3e-8a55-4c9b-9c2e-5b0f6f0e7a11',
  formKey: 'counter',
  formVersion: 1,
  answers: { overall: 5, access: 4, attitude: 5, responsibility: 4, guidance: 3 },
  issues: ['harassment'],
  comment: 'Cán bộ tận tình',
  dossierCode: null,
  channel: 'web',
  receivedAt: '2026-11-25T03:00:00.000Z',
  day: '2026-11-25',
  respondentHash: null,
  verification: null,
  selfRating: null,
};
const second: ResponseFacts = {
  ...first,
  id: '0193a1b2-0000-7000-8000-000000000002',
  seq: 2,
  clientId: 'a1b2c3d4-0000-4000-8000-000000000002',
  respondentHash: 'f'.repeat(64),
  verification: 'verified',
  selfRating: 1,
  comment: null,
  issues: [],
};

describe('the chain’s canonical form is frozen', () => {
  it('serialises a response exactly as rows already stored were hashed', () => {
    expect(canonicalJson(hashedFacts(first))).toBe(
      '{"answers":{"access":4,"attitude":5,"guidance":3,"overall":5,"responsibility":4},"channel":"web","clientId":"6f1c1d3e-8a55-4c9b-9c2e-5b0f6f0e7a11","comment":"Cán bộ tận tình","day":"2026-11-25","dossierCode":null,"fieldId":null,"formKey":"counter","formVersion":1,"id":"0193a1b2-0000-7000-8000-000000000001","issues":["harassment"],"officerId":"officer-1","pointId":"point-1","receivedAt":"2026-11-25T03:00:00.000Z","seq":1,"unitId":"unit-1"}',
    );
  });
  it('gives the known SHA-256 values (computed by the code that stored the first responses)', () => {
    const h1 = chainHash(GENESIS_HASH, hashedFacts(first));
    expect(h1).toBe('c67de1ae45be889eb85691092594f13f01e1576b98bf033c91c3728a56cd3a7d');
    expect(chainHash(h1, hashedFacts(second))).toBe('3d3c5c176134a74594a54f9759e904ce695f2442cdf9c7d30db4fdc71dd8d841');
  });
});

describe('tally cells', () => {
  it('one per answer, under the response’s form and officer, and its channel with the overall level', () => {
    expect(tallyCells({ formKey: 'counter', officerId: 'o1', selfRating: false, answers: { overall: 5, access: 4 }, overallKey: 'overall', channel: 'kiosk' })).toEqual([
      { formKey: 'counter', officerId: 'o1', questionKey: 'overall', level: 5 },
      { formKey: 'counter', officerId: 'o1', questionKey: 'access', level: 4 },
      { formKey: 'counter', officerId: 'o1', questionKey: 'channel:kiosk', level: 5 },
    ]);
  });
  it('a self-rating counts for the unit only, plus a self_rating cell under the officer; the older "qr" counts as zalo', () => {
    expect(tallyCells({ formKey: 'sipas', officerId: 'o1', selfRating: true, answers: { overall: 2 }, overallKey: 'overall', channel: 'qr' })).toEqual([
      { formKey: 'sipas', officerId: '', questionKey: 'overall', level: 2 },
      { formKey: 'sipas', officerId: '', questionKey: 'channel:zalo', level: 2 },
      { formKey: 'sipas', officerId: 'o1', questionKey: 'self_rating', level: 2 },
    ]);
  });
});
