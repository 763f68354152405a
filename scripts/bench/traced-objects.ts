import type { ObjectStore } from '../../lib/storage/objects';

// An ObjectStore that counts what passes through it: per kind of request, how many, how many
// bytes and how long they took in total. The benchmark's child wraps the S3 store in it so each S3
// row can say where its time went (busy time over wall time is the mean number of requests in
// flight; busy time over count the mean latency).

type Kind = 'put' | 'get' | 'head' | 'list' | 'delete';
type RequestCount = { count: number; bytes: number; busyMs: number; maxMs: number };
export type RequestStats = Partial<Record<Kind, RequestCount>>;

export function tracedObjectStore(inner: ObjectStore): { store: ObjectStore; stats: RequestStats } {
  const stats: RequestStats = {};
  const timed = async <T>(kind: Kind, fn: () => Promise<T>, bytesOf: (result: T) => number): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    const ms = performance.now() - started;
    const entry = (stats[kind] ??= { count: 0, bytes: 0, busyMs: 0, maxMs: 0 });
    entry.count++;
    entry.bytes += bytesOf(result);
    entry.busyMs += ms;
    entry.maxMs = Math.max(entry.maxMs, ms);
    return result;
  };
  const store: ObjectStore = {
    location: inner.location,
    put: (key, body) =>
      timed(
        'put',
        () => inner.put(key, body),
        () => body.byteLength,
      ),
    get: (key, range) =>
      timed(
        'get',
        () => inner.get(key, range),
        (bytes) => bytes.length,
      ),
    getInto: (key, into) =>
      timed(
        'get',
        () => inner.getInto(key, into),
        (length) => length ?? 0,
      ),
    head: (key) =>
      timed(
        'head',
        () => inner.head(key),
        () => 0,
      ),
    listPage: (prefix, options) =>
      timed(
        'list',
        () => inner.listPage(prefix, options),
        () => 0,
      ),
    delete: (keys) =>
      timed(
        'delete',
        () => inner.delete(keys),
        () => 0,
      ),
  };
  return { store, stats };
}

/** One line for the notes: "160 put (4.1 MB, 38 ms, 7.6 in flight), 3 get, …". */
export function describeRequests(stats: RequestStats, seconds: number): string {
  return Object.entries(stats)
    .map(([kind, c]) => {
      if (c.count < 8) return `${c.count} ${kind}`;
      const size = c.bytes ? `${(c.bytes / c.count / 1e6).toFixed(1)} MB, ` : '';
      return `${c.count} ${kind} (${size}${(c.busyMs / c.count).toFixed(0)} ms each, ${(c.busyMs / 1000 / seconds).toFixed(1)} in flight)`;
    })
    .join(', ');
}
