import { AsyncLocalStorage } from 'node:async_hooks';
import type { Prisma } from '@/lib/generated/sqlite/client';
import type { Db } from './client';

// One server action is one unit of work: every change it makes commits in one transaction with
// its audit entry, or none does (lib/actions/safe-action.ts). The handlers and services keep
// calling db() and writing as they always have; inside an action, db() is this unit's client:
//
// - Reads go straight to the database until the first write, so the preflight, the provider's
//   answers and the store probes that services do before they write (a remote provider is asked
//   first, so that its refusal changes nothing here) never hold a transaction open.
// - The first write opens the transaction, and everything after it runs inside (reads too, so
//   they see what the action wrote). A transaction of the service's own becomes a savepoint in it.
// - Work that must follow the commit (deleting the data of rows just removed: a crash in between
//   leaves unreferenced data, never a row without its data) is handed to afterCommit().
//
// On SQLite an open transaction holds the database for the whole process (lib/db/sqlite-turns.ts),
// so what an action does after its first write should stay short and local.

type Tx = Prisma.TransactionClient;
type Call = (...args: unknown[]) => Promise<unknown>;
type Calls = Record<string, Call>;

const READS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
]);

// Long enough for an action's longest transaction; the turn wait is the time behind other writers.
const OPTIONS = { maxWait: 30_000, timeout: 120_000 };

class RolledBack extends Error {}

const bases = new WeakMap<object, Db>();

/** The client a unit's client stands for (itself for any other client). */
export function baseClient(client: Db): Db {
  return bases.get(client) ?? client;
}

class Unit {
  readonly client: Db;
  private tx?: Promise<Tx>;
  private ended?: Promise<unknown>;
  private finish?: (error?: Error) => void;
  private closed = false;
  readonly after: (() => Promise<unknown>)[] = [];

  /** True from the first write until the unit commits or rolls back. */
  get inTransaction(): boolean {
    return this.tx !== undefined && !this.closed;
  }

  constructor(private readonly base: Db) {
    this.client = this.wrap();
    bases.set(this.client, base);
  }

  /** Opens the transaction on the first write; later calls get the same one. */
  private open(): Promise<Tx> {
    this.tx ??= new Promise<Tx>((resolve, reject) => {
      this.ended = this.base
        .$transaction(
          (tx) =>
            new Promise<void>((done, fail) => {
              this.finish = (error) => (error ? fail(error) : done());
              resolve(tx);
            }),
          OPTIONS,
        )
        .catch((error: unknown) => {
          reject(error as Error);
          throw error;
        });
      // Whoever ends the unit awaits this; until then a timed-out transaction is not an unhandled rejection.
      this.ended.catch(() => undefined);
    });
    return this.tx;
  }

  /** Writes `last` (the audit entry) in the transaction and commits; a unit without writes gets one now. */
  async commit(last: (tx: Tx) => Promise<unknown>): Promise<void> {
    const tx = await this.open();
    await last(tx);
    this.closed = true;
    this.finish!();
    await this.ended;
  }

  /** Undoes whatever the unit wrote (nothing, if it never wrote). */
  async rollback(): Promise<void> {
    this.closed = true;
    if (!this.tx) return;
    await this.tx.then(
      () => this.finish!(new RolledBack()),
      () => undefined,
    );
    await this.ended?.catch(() => undefined);
  }

  private routed(write: boolean, call: (c: Db | Tx) => Promise<unknown>, plain: () => unknown) {
    if (this.closed || (!write && !this.tx)) return plain();
    return this.open().then(call);
  }

  /** The base client, with its queries sent to the unit's transaction as described above. */
  private wrap(): Db {
    const base = this.base as unknown as Record<string | symbol, unknown>;
    const model = (name: string, delegate: Record<string, unknown>) =>
      new Proxy(delegate, {
        get: (target, method: string) => {
          const value = target[method];
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) =>
            this.routed(
              !READS.has(method),
              (c) => (c as unknown as Record<string, Calls>)[name][method](...args),
              () => (value as Call).apply(target, args),
            );
        },
      });
    return new Proxy(base, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target);
        if (this.closed || typeof prop !== 'string') return typeof value === 'function' ? value.bind(target) : value;
        if (prop === '$transaction') return (arg: unknown, options?: unknown) => this.transaction(arg, options);
        if (prop.startsWith('$queryRaw') || prop.startsWith('$executeRaw')) {
          return (...args: unknown[]) =>
            this.routed(
              prop.startsWith('$executeRaw'),
              (c) => (c as unknown as Calls)[prop](...args),
              () => (value as Call).apply(target, args),
            );
        }
        if (prop.startsWith('$') || prop.startsWith('_') || typeof value !== 'object' || value === null)
          return typeof value === 'function' ? value.bind(target) : value;
        return model(prop, value as Record<string, unknown>);
      },
    }) as unknown as Db;
  }

  /** A service's own transaction: a savepoint in the unit's (a batch of queries runs in it as they are). */
  private async transaction(arg: unknown, options?: unknown) {
    if (this.closed) return (this.base as unknown as Calls).$transaction(arg, options);
    const tx = await this.open();
    if (Array.isArray(arg)) {
      // The queries of a batch were made through this client, so each is on its way into the
      // transaction already; wait for all (so none fails unobserved) and report the first failure.
      const settled = await Promise.allSettled(arg as Promise<unknown>[]);
      const failed = settled.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
    }
    return (tx as unknown as Calls).$transaction(arg);
  }
}

const units = new AsyncLocalStorage<Unit>();

/** The client of the unit of work this code runs in, if any (db() returns it). */
export function currentUnitClient(): Db | undefined {
  return units.getStore()?.client;
}

/**
 * Whether this code runs in a unit of work whose transaction is open. On SQLite that
 * transaction holds the database for the whole process, so no provider, store or other network
 * call may run then: tests assert this is false around them.
 */
export function isInTransaction(): boolean {
  return units.getStore()?.inTransaction ?? false;
}

/**
 * Runs `work` as one unit of work on `base`; `end` then decides, from its outcome, whether the
 * unit commits (with the entry `end` writes) or rolls back.
 */
export function unitOfWork(base: Db) {
  const unit = new Unit(base);
  return {
    client: unit.client,
    run: <T>(work: () => Promise<T>) => units.run(unit, work),
    commit: (last: (tx: Tx) => Promise<unknown>) => unit.commit(last),
    rollback: () => unit.rollback(),
    /** Runs what afterCommit() deferred, in order; the first failure is thrown after all have run. */
    async afterwards() {
      let failure: unknown;
      for (const task of unit.after) await task().catch((error: unknown) => void (failure ??= error));
      if (failure !== undefined) throw failure;
    },
  };
}

/**
 * Runs `task` once the current unit of work has committed (at once outside one). For work that
 * must not come before the commit, such as deleting the data of rows the action removes.
 */
export async function afterCommit(task: () => Promise<unknown>): Promise<void> {
  const unit = units.getStore();
  if (unit) unit.after.push(task);
  else await task();
}
