import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface Publication {
  id: string;
  unitId: string;
  formKey: string;
  periodKey: string;
  from: string;
  to: string;
  responses: number;
  satisfiedShare: number | null;
  sha256: string;
  bytes: number;
  publishedAt: string;
  publishedBy: string;
}

const COLUMNS = ['id', 'unit_id', 'form_key', 'period_key', 'from_day', 'to_day', 'responses', 'satisfied_share', 'sha256', 'bytes', 'published_at', 'published_by'] as const;

type Row = Pick<Database['publications'], (typeof COLUMNS)[number]>;
const toPublication = (r: Row): Publication => ({
  id: r.id,
  unitId: r.unit_id,
  formKey: r.form_key,
  periodKey: r.period_key,
  from: r.from_day,
  to: r.to_day,
  responses: Number(r.responses),
  satisfiedShare: r.satisfied_share === null ? null : Number(r.satisfied_share),
  sha256: r.sha256,
  bytes: Number(r.bytes),
  publishedAt: r.published_at,
  publishedBy: r.published_by,
});

/** Inserts a publication unless the unit already published that form's period; true when stored. */
export async function insertPublication(db: Executor, p: Publication & { pdf: Buffer }): Promise<boolean> {
  const rows = await db
    .insertInto('publications')
    .values({
      id: p.id,
      unit_id: p.unitId,
      form_key: p.formKey,
      period_key: p.periodKey,
      from_day: p.from,
      to_day: p.to,
      responses: p.responses,
      satisfied_share: p.satisfiedShare,
      sha256: p.sha256,
      bytes: p.bytes,
      pdf_base64: p.pdf.toString('base64'),
      published_at: p.publishedAt,
      published_by: p.publishedBy,
    })
    .onConflict((oc) => oc.columns(['unit_id', 'form_key', 'period_key']).doNothing())
    .returning('id')
    .execute();
  return rows.length === 1;
}

/** A unit's publications, newest first. */
export async function listPublications(db: Executor, unitId: string, limit = 50): Promise<Publication[]> {
  const rows = await db.selectFrom('publications').select(COLUMNS).where('unit_id', '=', unitId).orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toPublication);
}

export async function findPublication(db: Executor, unitId: string, formKey: string, periodKey: string): Promise<Publication | undefined> {
  const row = await db.selectFrom('publications').select(COLUMNS).where('unit_id', '=', unitId).where('form_key', '=', formKey).where('period_key', '=', periodKey).executeTakeFirst();
  return row ? toPublication(row) : undefined;
}

/** The published PDF, byte for byte, with what the board shows beside it. */
export async function publicationPdf(db: Executor, unitId: string, id: string): Promise<{ publication: Publication; pdf: Buffer } | undefined> {
  const row = await db.selectFrom('publications').select([...COLUMNS, 'pdf_base64']).where('unit_id', '=', unitId).where('id', '=', id).executeTakeFirst();
  return row ? { publication: toPublication(row), pdf: Buffer.from(row.pdf_base64, 'base64') } : undefined;
}
