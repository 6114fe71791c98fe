import {
  CompiledQuery,
  PostgresDialect,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type Transaction,
  type TransactionSettings,
} from 'kysely';

const BEGIN = CompiledQuery.raw('begin');
const COMMIT = CompiledQuery.raw('commit');
const ignore = (): void => undefined;

/**
 * Work a marker query asks of a pipelined connection (BatchStatements below): Kysely hands the
 * marker to the transaction's connection in order with its other statements, which is how a
 * statement can be sent without Kysely waiting for its answer.
 */
const markerWork = new WeakMap<CompiledQuery, (c: PipelinedConnection) => void>();

/**
 * A connection on a pg client in pipeline mode, which writes a query without waiting for the
 * answers to those before it. Three kinds of statement share a round trip with the next one:
 * - the transaction's BEGIN, which waits to go out with its first statement;
 * - reads sent ahead (`sendAhead`), whose answers are awaited later;
 * - writes held for the COMMIT (`holdForCommit`), sent back to back with it.
 * Kysely's own driver waits for each answer before it sends anything else.
 */
class PipelinedConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;
  #beginPending = false;
  /** BEGIN's answer, until a later answer showed it succeeded. */
  #begun: Promise<unknown> | null = null;
  /** BEGIN's error once its answer has come (answers come in order: before any later statement's). */
  #beginFailed: { error: unknown } | null = null;
  #held: CompiledQuery[] = [];

  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }

  deferBegin(): void {
    this.#beginPending = true;
    this.#begun = null;
    this.#beginFailed = null;
    this.#held = [];
  }

  /** Forgets the transaction's unsent work; true when it never sent a statement (nothing to end). */
  reset(): boolean {
    const pending = this.#beginPending;
    this.#beginPending = false;
    this.#begun = null;
    this.#beginFailed = null;
    this.#held = [];
    return pending;
  }

  #sendPendingBegin(): void {
    if (!this.#beginPending) return;
    this.#beginPending = false;
    const begun = this.inner.executeQuery(BEGIN);
    this.#begun = begun;
    begun.catch((error: unknown) => {
      if (this.#begun === begun) this.#beginFailed = { error };
    });
  }

  /**
   * Throws BEGIN's error when it failed: what was sent with it then ran outside any transaction,
   * and nothing more may be sent. `sent` is answered after BEGIN, so this costs no extra wait.
   */
  async #checkBegun(sent: Promise<unknown>): Promise<void> {
    const begun = this.#begun;
    if (!begun) return;
    try {
      await begun;
    } catch (err) {
      sent.catch(ignore);
      throw err;
    }
    if (this.#begun === begun) this.#begun = null;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const work = markerWork.get(query);
    if (work) {
      work(this);
      return { rows: [] };
    }
    // BEGIN went out with a read ahead whose answer was awaited (the writer's chain-head lock):
    // its failure is known by now, and nothing more may be sent.
    if (this.#beginFailed) throw this.#beginFailed.error;
    this.#sendPendingBegin();
    const result = this.inner.executeQuery<R>(query);
    await this.#checkBegun(result);
    return result;
  }

  /** Sends a read now and returns its answer's promise without waiting for it. */
  sendAhead<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
    this.#sendPendingBegin();
    const result = this.inner.executeQuery<R>(query);
    result.catch(ignore);
    return result;
  }

  holdForCommit(query: CompiledQuery): void {
    this.#held.push(query);
  }

  /** The held writes and COMMIT, back to back: a failed write makes PostgreSQL answer the COMMIT with a rollback. */
  async commit(): Promise<void> {
    const held = this.#held;
    this.#held = [];
    if (this.#beginPending && held.length === 0) return void (this.#beginPending = false);
    // Writes go out only after BEGIN is known to have succeeded (should it fail, they would commit
    // on their own). In the writer an earlier statement's answer has already shown that: no wait.
    if (held.length > 0) {
      this.#sendPendingBegin();
      await this.#checkBegun(Promise.resolve());
    }
    const writes = held.map((q) => this.inner.executeQuery(q));
    // After a failed write the rest fail too ("transaction is aborted"): only the first is reported.
    for (const w of writes) w.catch(ignore);
    const committed = this.inner.executeQuery<{ command?: string }>(COMMIT);
    await this.#checkBegun(committed);
    for (const w of writes) {
      try {
        await w;
      } catch (err) {
        await committed.catch(ignore);
        throw err;
      }
    }
    const answer = await committed;
    if (answer.rows[0]?.command === 'ROLLBACK') throw new Error('PostgreSQL rolled the transaction back at COMMIT');
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    this.#sendPendingBegin();
    await this.#checkBegun(Promise.resolve());
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}

function pipelined(connection: DatabaseConnection): PipelinedConnection {
  if (!(connection instanceof PipelinedConnection)) throw new Error('connection was not acquired through PipelineDriver');
  return connection;
}

class PipelineDriver implements Driver {
  readonly #inner: Driver;
  readonly #wrapped = new WeakMap<DatabaseConnection, PipelinedConnection>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.#inner.acquireConnection();
    let connection = this.#wrapped.get(inner);
    if (!connection) this.#wrapped.set(inner, (connection = new PipelinedConnection(inner)));
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = pipelined(connection);
    c.reset();
    // "start transaction isolation level …" is rare here: sent on its own, as Kysely would.
    if (settings.isolationLevel || settings.accessMode) return this.#inner.beginTransaction(c.inner, settings);
    c.deferBegin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    return pipelined(connection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = pipelined(connection);
    if (c.reset()) return;
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
    c.reset();
    return this.#inner.releaseConnection(c.inner);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/**
 * PostgreSQL on a pool whose clients run in pg's pipeline mode (`pipeline: true`), with fewer
 * round trips per transaction: BEGIN goes out with the first statement, and BatchStatements can
 * send reads ahead and hold writes for the COMMIT.
 *
 * Safe where a transaction's first awaited statement is a read (the response writer's locks chain
 * heads, sent ahead or not): should BEGIN itself fail, what went out with it ran on its own, the
 * error is BEGIN's, and nothing more is sent. A BEGIN fails only when the connection does, and then so does the
 * rest. A transaction that sends no statement at all sends neither BEGIN nor COMMIT.
 */
export class PgPipelineDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new PipelineDriver(super.createDriver());
  }
}

/**
 * Statements of one transaction that need not wait for each other's answers. On a PgPipelineDialect
 * connection they share round trips; on any other (SQLite, a plain pool) they run at once, in
 * order, with the same results: so code written against this interface runs on both.
 */
export interface BatchStatements {
  /**
   * A read sent now, its answer awaited later: it shares the round trip of the next statement.
   * Await it before the transaction ends.
   */
  ahead<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
  /**
   * A write nobody waits for: it goes out just before the COMMIT, in the same round trip. If it
   * fails, the transaction rolls back and the COMMIT throws its error.
   */
  atCommit(query: CompiledQuery): Promise<void>;
}

export function batchStatements<DB>(trx: Transaction<DB>, pipelineDialect: boolean): BatchStatements {
  if (!pipelineDialect) {
    return {
      ahead: <R>(query: CompiledQuery<R>) => {
        const result = trx.executeQuery<R>(query);
        result.catch(ignore);
        return result;
      },
      atCommit: async (query) => void (await trx.executeQuery(query)),
    };
  }
  return {
    ahead: <R>(query: CompiledQuery<R>) => {
      const result = new Promise<QueryResult<R>>((resolve, reject) => {
        const marker = CompiledQuery.raw('-- read ahead');
        markerWork.set(marker, (c) => c.sendAhead<R>(query).then(resolve, reject));
        trx.executeQuery(marker).catch(reject);
      });
      result.catch(ignore);
      return result;
    },
    atCommit: async (query) => {
      const marker = CompiledQuery.raw('-- held for commit');
      markerWork.set(marker, (c) => c.holdForCommit(query));
      await trx.executeQuery(marker);
    },
  };
}
