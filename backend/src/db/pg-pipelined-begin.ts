import {
  CompiledQuery,
  PostgresDialect,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

const BEGIN = CompiledQuery.raw('begin');

/**
 * A connection whose transaction's BEGIN waits to go out with the transaction's first statement.
 * On a pg client in pipeline mode the two are written back to back and answered in one round
 * trip, where Kysely's driver waits for BEGIN's answer before it sends anything else.
 */
class PipelinedBeginConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  #beginPending = false;

  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }

  deferBegin(): void {
    this.#beginPending = true;
  }

  /** True when the transaction never sent a statement (so there is nothing to end). */
  dropPendingBegin(): boolean {
    const pending = this.#beginPending;
    this.#beginPending = false;
    return pending;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#beginPending) return this.inner.executeQuery<R>(query);
    this.#beginPending = false;
    const begun = this.inner.executeQuery(BEGIN);
    const result = this.inner.executeQuery<R>(query);
    try {
      await begun;
    } catch (err) {
      // BEGIN failed, so the statement ran (if at all) outside any transaction: report BEGIN's error.
      result.catch(() => undefined);
      throw err;
    }
    return result;
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.dropPendingBegin()) await this.inner.executeQuery(BEGIN);
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}

function pipelined(connection: DatabaseConnection): PipelinedBeginConnection {
  if (!(connection instanceof PipelinedBeginConnection)) throw new Error('connection was not acquired through PipelinedBeginDriver');
  return connection;
}

class PipelinedBeginDriver implements Driver {
  readonly #inner: Driver;
  readonly #wrapped = new WeakMap<DatabaseConnection, PipelinedBeginConnection>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.#inner.acquireConnection();
    let connection = this.#wrapped.get(inner);
    if (!connection) this.#wrapped.set(inner, (connection = new PipelinedBeginConnection(inner)));
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = pipelined(connection);
    // "start transaction isolation level …" is rare here: sent on its own, as Kysely would.
    if (settings.isolationLevel || settings.accessMode) return this.#inner.beginTransaction(c.inner, settings);
    c.deferBegin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = pipelined(connection);
    if (c.dropPendingBegin()) return;
    return this.#inner.commitTransaction(c.inner);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = pipelined(connection);
    if (c.dropPendingBegin()) return;
    return this.#inner.rollbackTransaction(c.inner);
  }

  // Savepoints go through the wrapper: a pending BEGIN goes out first.
  async savepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await this.#inner.savepoint!(pipelined(connection), name, compileQuery);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await this.#inner.rollbackToSavepoint!(pipelined(connection), name, compileQuery);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: QueryCompiler['compileQuery']): Promise<void> {
    await this.#inner.releaseSavepoint!(pipelined(connection), name, compileQuery);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = pipelined(connection);
    c.dropPendingBegin();
    return this.#inner.releaseConnection(c.inner);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/**
 * PostgreSQL with each transaction's BEGIN sent together with its first statement: one round
 * trip fewer per transaction. Needs a pool whose clients run in pg's pipeline mode
 * (`pipeline: true`), which sends a query without waiting for the one before to be answered.
 *
 * Safe where a transaction's first statement is a read (the response writer's first statement
 * locks chain heads): should BEGIN itself fail, that statement will have run on its own, and the
 * error is BEGIN's. A BEGIN fails only when the connection does, and then so does the statement.
 * A transaction that sends no statement at all sends neither BEGIN nor COMMIT.
 */
export class PipelinedBeginDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new PipelinedBeginDriver(super.createDriver());
  }
}
