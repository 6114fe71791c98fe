import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import { alertRecipients, insertAlert, type NewAlert } from '../db/alerts.repository.ts';
import { newRowId } from '../db/ids.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import type { Database } from '../db/schema.ts';
import { alertLink } from './alert-text.ts';

/**
 * Records an alert and one outbox message per recipient in the caller's transaction, so an
 * alert exists exactly when the event that caused it was committed. A repeated dedupe key
 * (same response, same officer-month, same unit-day) creates nothing.
 */
export async function createAlert(
  trx: Transaction<Database>,
  config: Pick<Config, 'PUBLIC_URL' | 'ALERT_NOTIFY_CLERK'>,
  a: Omit<NewAlert, 'id' | 'text'> & { text: (link: string) => string; notify?: boolean; /** Already looked up (alertContext): saves a query. */ recipients?: string[] },
): Promise<string | null> {
  const id = newRowId();
  const text = a.text(alertLink(config.PUBLIC_URL, a.unitId, id));
  const { notify, recipients: known, ...rest } = a;
  if (!(await insertAlert(trx, { ...rest, id, text }))) return null;
  if (notify === false) return id;
  const recipients = known ?? (await alertRecipients(trx, a.unitId, config.ALERT_NOTIFY_CLERK));
  const now = new Date(a.createdAt);
  await enqueueMessages(
    trx,
    recipients.map((staffId) => ({ unitId: a.unitId, alertId: id, recipient: { staffId }, text, now })),
  );
  return id;
}
