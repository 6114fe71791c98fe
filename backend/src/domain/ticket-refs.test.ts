import { describe, expect, it } from 'vitest';
import { dossierCodeHint, resolveRef, shortestRef } from './ticket-refs.ts';

describe('ticket refs', () => {
  const ids = ['1a2b3c4d-0000-4000-8000-000000000001', '1a2b3c9f-0000-4000-8000-000000000002', '77aa88bb-0000-4000-8000-000000000003'];

  it('takes 6 characters where they name one id, more where they do not', () => {
    expect(shortestRef(ids[2]!, ids)).toBe('77aa88');
    expect(shortestRef(ids[0]!, ids)).toBe('1a2b3c4');
    expect(shortestRef(ids[1]!, ids)).toBe('1a2b3c9');
  });

  it('resolves a ref to the one id it starts, and refuses an ambiguous or unknown one', () => {
    for (const id of ids) expect(resolveRef(shortestRef(id, ids), ids)).toBe(id);
    expect(resolveRef('1a2b3c', ids)).toBeNull();
    expect(resolveRef('ffffff', ids)).toBeNull();
    expect(resolveRef(ids[0]!, ids)).toBe(ids[0]);
  });
});

describe('dossierCodeHint', () => {
  it('shows the last characters, never the whole code', () => {
    expect(dossierCodeHint('000.00.12.H56-240115-0001')).toBe('…0001');
    expect(dossierCodeHint('HS-1234')).toBe('…34');
    expect(dossierCodeHint('HS12')).toBeUndefined();
    expect(dossierCodeHint('Đất-đai-ạ')).toBe('…ai-ạ');
  });
});
