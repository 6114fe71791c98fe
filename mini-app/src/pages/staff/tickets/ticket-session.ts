import { RECEIPT_PAPERS, type IssuedTicket, type ReceiptPaper } from '../../../services/api/tickets.ts';

/** One ticket issued at this desk in this browser session, newest first on the screen. */
export interface IssuedEntry {
  readonly ticket: IssuedTicket;
  /** ISO instant the server answered. */
  readonly issuedAt: string;
}

/** What the desk chose last: the same officer and field, most of a day, and the printer's paper. */
export interface DeskChoice {
  readonly officerId: string;
  readonly fieldId: string;
  readonly paper: ReceiptPaper;
}

export const ISSUED_KEEP = 20;
const issuedKey = (unitId: string) => `hailong.tickets.issued.v1.${unitId}`;
const choiceKey = (unitId: string) => `hailong.tickets.desk.v1.${unitId}`;
export const DEFAULT_CHOICE: DeskChoice = { officerId: '', fieldId: '', paper: '80mm' };

function read(storage: Storage | undefined, key: string): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

function write(storage: Storage | undefined, key: string, value: unknown): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or private storage: the screen still works, it only forgets sooner.
  }
}

const session = (): Storage | undefined => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);
const local = (): Storage | undefined => (typeof localStorage === 'undefined' ? undefined : localStorage);

function isEntry(v: unknown): v is IssuedEntry {
  if (typeof v !== 'object' || v === null || !('ticket' in v) || !('issuedAt' in v)) return false;
  const t: unknown = v.ticket;
  return typeof v.issuedAt === 'string' && typeof t === 'object' && t !== null && 'token' in t && typeof t.token === 'string' && 'dossierCode' in t;
}

/** The tickets issued for a unit in this browser tab (they survive a reload or a visit to another screen). */
export function readIssued(unitId: string): IssuedEntry[] {
  const list = read(session(), issuedKey(unitId));
  return Array.isArray(list) ? list.filter(isEntry) : [];
}

/** Adds a ticket in front; keeps the last ISSUED_KEEP. */
export function rememberIssued(unitId: string, entry: IssuedEntry): IssuedEntry[] {
  const list = [entry, ...readIssued(unitId).filter((e) => e.ticket.token !== entry.ticket.token)].slice(0, ISSUED_KEEP);
  write(session(), issuedKey(unitId), list);
  return list;
}

/** The desk's last choice for a unit, checked against what the unit has now. */
export function readChoice(unitId: string, officerIds: readonly string[], fieldIds: readonly string[]): DeskChoice {
  const raw = read(local(), choiceKey(unitId));
  const r = typeof raw === 'object' && raw !== null ? (raw as Partial<Record<keyof DeskChoice, unknown>>) : {};
  const officerId = typeof r.officerId === 'string' && officerIds.includes(r.officerId) ? r.officerId : officerIds.length === 1 ? officerIds[0]! : '';
  const fieldId = typeof r.fieldId === 'string' && fieldIds.includes(r.fieldId) ? r.fieldId : fieldIds.length === 1 ? fieldIds[0]! : '';
  const paper = RECEIPT_PAPERS.find((p) => p === r.paper) ?? DEFAULT_CHOICE.paper;
  return { officerId, fieldId, paper };
}

export function rememberChoice(unitId: string, choice: DeskChoice): void {
  write(local(), choiceKey(unitId), choice);
}
