import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import { alertRecipients, insertAlert, insertAlertQuery, type NewAlert } from '../db/alerts.repository.ts';
import { newRowId } from '../db/ids.ts';
import { enqueueForAlertQuery, enqueueMessages, type NewMessage } from '../db/outbox.repository.ts';
import type { BatchStatements } from '../db/dialects/postgres/pipeline.ts';
import type { Database } from '../db/schema.ts';
import { alertLink } from './alert-text.ts';

type AlertConfig = Pick<Config, 'PUBLIC_URL' | 'ALERT_NOTIFY_CLERK'>;
type AlertInput = Omit<NewAlert, 'id' | 'text'> & { text: (link: string) => string; notify?: boolean };

function newAlert(config: AlertConfig, a: AlertInput): { alert: NewAlert; messages: (recipients: string[]) => NewMessage[] } {
  const id = newRowId();
  const { notify, text: textFor, ...rest } = a;
  const text = textFor(alertLink(config.PUBLIC_URL, a.unitId, id));
  const now = new Date(a.createdAt);
  return {
    alert: { ...rest, id, text },
    messages: (recipients) => (notify === false ? [] : recipients.map((staffId) => ({ unitId: a.unitId, alertId: id, recipient: { staffId }, text, now }))),
  };
}

/**
 * Records an alert and one outbox message per recipient in the caller's transaction, so an
 * alert exists exactly when the event that caused it was committed. A repeated dedupe key
 * (same response, same officer-month, same unit-day) creates nothing.
 */
export async function createAlert(
  trx: Transaction<Database>,
  config: AlertConfig,
  a: AlertInput & { /** Already looked up (alertContext): saves a query. */ recipients?: string[] },
): Promise<string | null> {
  const { recipients: known, ...input } = a;
  const { alert, messages } = newAlert(config, input);
  if (!(await insertAlert(trx, alert))) return null;
  if (a.notify === false) return alert.id;
  await enqueueMessages(trx, messages(known ?? (await alertRecipients(trx, a.unitId, config.ALERT_NOTIFY_CLERK))));
  return alert.id;
}

/**
 * createAlert for a response batch, without waiting for an answer: the alert's insert and its
 * messages (stored only if that insert did store the alert) go out with the batch's COMMIT
 * (BatchStatements.atCommit). Whether the dedupe key was new is not known here.
 */
export async function queueAlert(trx: Transaction<Database>, statements: BatchStatements, config: AlertConfig, a: AlertInput & { recipients: string[] }): Promise<void> {
  const { recipients, ...input } = a;
  const { alert, messages } = newAlert(config, input);
  await statements.atCommit(insertAlertQuery(trx, alert).compile());
  const enqueue = enqueueForAlertQuery(alert.id, messages(recipients));
  if (enqueue) await statements.atCommit(enqueue.compile(trx));
}
