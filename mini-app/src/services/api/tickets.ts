import type { InferRequestType, InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';
import { saveDownload } from './download.ts';
import { auth, ok, staffApi as api } from './staff-http.ts';

/*
 * Receipt tickets (issue 30): one dossier's QR, issued at the counter, and its printable receipt
 * (backend tickets routes), typed through the same `hc` client as the other staff calls.
 */
type TicketsApi = ApiClient['api']['units'][':unitId']['tickets'];
export type TicketInput = InferRequestType<TicketsApi['$post']>['json'];
export type IssuedTicket = InferResponseType<TicketsApi['$post'], 201>;
type ReceiptQuery = InferRequestType<TicketsApi['receipt']['$get']>['query'];
/** 58 mm and 80 mm thermal rolls, A5 sheets. */
export type ReceiptPaper = NonNullable<ReceiptQuery['paper']>;
export type ReceiptFormat = NonNullable<ReceiptQuery['format']>;
/** The papers, in the order the screen offers them. */
export const RECEIPT_PAPERS: readonly ReceiptPaper[] = ['58mm', '80mm', 'a5'];

/** Issues a ticket for a dossier; refusals (unknown officer, bad code…) throw StaffApiError with the server's Vietnamese message. */
export async function issueTicket(unitId: string, input: TicketInput): Promise<IssuedTicket> {
  const res = await ok(api().units[':unitId'].tickets.$post({ param: { unitId }, json: input }, auth()));
  return (await res.json()) as IssuedTicket;
}

/** A file name from the dossier code: letters, digits and dashes only (codes may hold slashes). */
export function receiptFileName(dossierCode: string, paper: ReceiptPaper, format: ReceiptFormat): string {
  const safe = dossierCode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `bien-nhan-${safe || 'ho-so'}-${paper}.${format}`;
}

/** Downloads the printable receipt (QR and a few words) for a paper size, under the server's file name. */
export async function downloadReceipt(unitId: string, ticket: Pick<IssuedTicket, 'token' | 'dossierCode'>, paper: ReceiptPaper, format: ReceiptFormat): Promise<string> {
  const res = await ok(api().units[':unitId'].tickets.receipt.$get({ param: { unitId }, query: { token: ticket.token, paper, format } }, auth()));
  return saveDownload(res, receiptFileName(ticket.dossierCode, paper, format));
}
