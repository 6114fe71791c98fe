import { AppError } from '../app-error.ts';
import { findUnitById } from '../db/units.repository.ts';
import type { Deps } from '../deps.ts';
import { receiptPng, receiptSvg } from './receipt-files.ts';
import { layoutReceipt, type ReceiptPaper } from './receipt-layout.ts';
import { readTicket, ticketNotFound } from './ticket-access.ts';
import { ticketLinks } from './tickets.service.ts';

export type ReceiptFormat = 'png' | 'svg';

export interface ReceiptFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
  /** What the QR carries: the ticket's deepLink (docs/tickets.md). */
  link: string;
}

/** ASCII for a Content-Disposition filename: the code's letters and digits, the rest as '-'. */
const fileSafe = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64) || 'ho-so';

/**
 * The printable receipt snippet of one of the unit's tickets: its QR (the ticket's deepLink) and a
 * few words, for a 58 or 80 mm thermal roll or an A5 receipt. 404 for a token that is not a ticket
 * of this unit, 410 once it has expired (a new one is issued instead).
 */
export async function renderReceipt(deps: Deps, unitId: string, token: string, paper: ReceiptPaper, format: ReceiptFormat): Promise<ReceiptFile> {
  const ticket = await readTicket(deps, token);
  if (!ticket || ticket.unitId !== unitId) throw ticketNotFound();
  if (deps.now().getTime() >= ticket.expiresAt.getTime()) throw new AppError('ticket_expired', 'Phiếu hẹn này đã hết hạn; hãy phát phiếu mới cho hồ sơ.');
  const unit = (await findUnitById(deps.db.kysely, unitId))!;
  const link = ticketLinks(deps.config, token).deepLink;
  const drawing = layoutReceipt({ link, unitName: unit.name, dossierCode: ticket.dossierCode, expiresAt: ticket.expiresAt }, paper);
  const filename = `phieu-hen_${fileSafe(ticket.dossierCode)}_${paper}.${format}`;
  return format === 'png'
    ? { bytes: receiptPng(drawing), contentType: 'image/png', filename, link }
    : { bytes: Buffer.from(receiptSvg(drawing), 'utf8'), contentType: 'image/svg+xml; charset=utf-8', filename, link };
}
