import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection } from 'kysely';
import { retryingWhenBusy, type BusyWait } from './busy-retry.ts';

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). With Kysely's plain BEGIN
 * a transaction that read first and writes later fails at once with SQLITE_BUSY_SNAPSHOT when
 * another process (a CLI, a backup, a second server) wrote in between; IMMEDIATE waits for the
 * lock instead (retryingWhenBusy) and then reads the latest chain head.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #busy: BusyWait;
  readonly #inTransaction: () => boolean;
  readonly #wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], busy: BusyWait, inTransaction: () => boolean) {
    super(config);
    this.#busy = busy;
    this.#inTransaction = inTransaction;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    let wrapped = this.#wrapped.get(connection);
    if (!wrapped) this.#wrapped.set(connection, (wrapped = retryingWhenBusy(connection, this.#busy)));
    return wrapped;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR,
   * SQLITE_NOMEM, a failed COMMIT): a ROLLBACK then fails with "cannot rollback - no transaction
   * is active", and Kysely throws that in place of the real error (a full disk was logged 2,753
   * times that way). Roll back only what is still open, so the real error reaches the caller.
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#inTransaction()) await super.rollbackTransaction(connection);
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  readonly #busy: BusyWait;
  readonly #inTransaction: () => boolean;
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], busy: BusyWait, inTransaction: () => boolean) {
    super(config);
    this.#config = config;
    this.#busy = busy;
    this.#inTransaction = inTransaction;
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config, this.#busy, this.#inTransaction);
  }
}

