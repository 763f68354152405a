import path from 'node:path';
import { Mutex } from 'async-mutex';
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

// SQLite through @prisma/adapter-better-sqlite3 is one connection per client. The adapter opens an
// interactive transaction with BEGIN on that connection and only makes other *transactions* wait
// (its own mutex, held until commit or rollback); a plain query sent meanwhile by any other part
// of the app goes down the same connection and so runs inside the open transaction, and is undone
// if that transaction rolls back (a refused capture's, say). Callers cannot be trusted to
// remember a helper for that, so the rule lives here, under every query: each top-level query
// and each transaction takes its turn on the database, and a transaction keeps its turn from BEGIN
// until its COMMIT or ROLLBACK, so nothing interleaves with it. Queries are synchronous in
// better-sqlite3, so a turn outside a transaction lasts as long as the query itself.
//
// The turn is per database file and per process, not per client: better-sqlite3 waits for a lock
// by blocking the whole event loop, so two clients of one file in one process (two workers in a
// test) would otherwise each hold a lock the other is blocked on until the busy timeout. Other
// processes sharing the file are kept apart by SQLite's own locks and the busy timeout.
//
// PostgreSQL needs none of this: its pool gives each transaction a connection of its own.

const turns = globalThis as unknown as { lifeboatSqliteTurns?: Map<string, Mutex> };

/** The turn of one database file (an in-memory database is private to its client). */
function turnOf(file: string): Mutex {
  if (file === '' || file === ':memory:') return new Mutex();
  turns.lifeboatSqliteTurns ??= new Map();
  const key = path.resolve(file);
  let turn = turns.lifeboatSqliteTurns.get(key);
  if (!turn) turns.lifeboatSqliteTurns.set(key, (turn = new Mutex()));
  return turn;
}

/** Wraps a SQLite adapter factory so that every connection it makes takes turns (see above). */
export function inTurns<F extends SqlDriverAdapterFactory>(factory: F, file: string): F {
  const turn = turnOf(file);
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === 'connect') return async () => takingTurns(await target.connect(), turn);
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function takingTurns(inner: SqlDriverAdapter, turn: Mutex): SqlDriverAdapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query: SqlQuery) => turn.runExclusive(() => inner.queryRaw(query)),
    executeRaw: (query: SqlQuery) => turn.runExclusive(() => inner.executeRaw(query)),
    executeScript: (script: string) => turn.runExclusive(() => inner.executeScript(script)),
    async startTransaction(isolationLevel?: IsolationLevel) {
      const release = await turn.acquire();
      try {
        return heldUntilEnd(await inner.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    // Not in turn: closing must not wait behind a transaction the client is about to abandon.
    dispose: () => inner.dispose(),
  };
}

/** The transaction's queries run in the turn it already holds; its end gives the turn back. */
function heldUntilEnd(tx: Transaction, release: () => void): Transaction {
  const end = (fn: () => Promise<void>) => fn().finally(release);
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: () => end(() => tx.commit()),
    rollback: () => end(() => tx.rollback()),
    ...(tx.createSavepoint ? { createSavepoint: (name: string) => tx.createSavepoint!(name) } : {}),
    ...(tx.rollbackToSavepoint ? { rollbackToSavepoint: (name: string) => tx.rollbackToSavepoint!(name) } : {}),
    ...(tx.releaseSavepoint ? { releaseSavepoint: (name: string) => tx.releaseSavepoint!(name) } : {}),
  };
}
