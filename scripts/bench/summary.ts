import type { Row, StoredRow, Target } from './report';
import type { BenchStep, RunResult, Timing } from './steps';

// From N runs to the table: medians of times and CPU, the highest peak RSS, and which row each
// row is compared with. Then the targets the README promises, over those rows.

/** S3 capture within 1.5× of the folder capture. */
const MAX_S3_RATIO = 1.5;
/** Encryption costs at most 15 % of capture time. */
const MAX_ENCRYPTION_RATIO = 1.15;
/** Lifeboat's folder store at most this size of restic's local repository. */
const MAX_STORED_RATIO = 1.05;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const medianOrNull = (xs: (number | null | undefined)[]) =>
  xs.some((v) => v === null || v === undefined) ? null : median(xs as number[]);

function combine(ts: Timing[]): Timing {
  const rss = ts.map((t) => t.maxRssBytes);
  return {
    seconds: median(ts.map((t) => t.seconds)),
    cpuSeconds: medianOrNull(ts.map((t) => t.cpuSeconds)),
    maxRssBytes: rss.some((v) => v === null) ? null : Math.max(...(rss as number[])),
    serverCpuSeconds: medianOrNull(ts.map((t) => t.serverCpuSeconds)),
    frontCpuSeconds: ts.some((t) => t.frontCpuSeconds) ? medianOrNull(ts.map((t) => t.frontCpuSeconds)) : null,
  };
}

const peerOf = (store: string) => (store.startsWith('S3') ? 'restic, S3' : 'restic, folder');
const baseOf = (store: string) =>
  ({ folder: null, 'folder, encrypted': 'folder', S3: 'folder', 'S3, encrypted': 'S3' })[store] ?? null;

// Rows in this order whatever order a run took the stores in.
const STORES = ['folder', 'folder, encrypted', 'S3', 'S3, encrypted'];
const storesOf = (all: RunResult[], i: number) => STORES.filter((label) => label in all[0].results[i].lifeboat);

export function summarise(steps: BenchStep[], all: RunResult[]): { rows: Row[]; stored: StoredRow[] } {
  const rows: Row[] = [];
  steps.forEach((step, i) => {
    const stores = storesOf(all, i);
    const timing = (side: 'lifeboat' | 'restic', label: string) => {
      const ts = all.map((a) => a.results[i][side][label]).filter(Boolean);
      return ts.length === all.length ? combine(ts) : null;
    };
    for (const store of stores) {
      const base = baseOf(store);
      const max = !step.capture ? null : store === 'S3' ? MAX_S3_RATIO : base ? MAX_ENCRYPTION_RATIO : null;
      rows.push({
        operation: step.name,
        store,
        lifeboat: timing('lifeboat', store)!,
        restic: timing('restic', peerOf(store)),
        maxResticRatio: store === 'folder' ? step.maxRatio : null,
        base: base ? { store: base, seconds: timing('lifeboat', base)!.seconds, max } : null,
      });
    }
  });
  const bytes = (label: string) =>
    all.every((a) => label in a.stored) ? median(all.map((a) => a.stored[label])) : null;
  const stored: StoredRow[] = storesOf(all, 0).map((store) => {
    const base = store.endsWith(', encrypted') ? baseOf(store) : null;
    return {
      store,
      ours: bytes(store)!,
      theirs: bytes(peerOf(store)),
      max: store === 'folder' ? MAX_STORED_RATIO : null,
      base: base ? { store: base, bytes: bytes(base)! } : null,
    };
  });
  return { rows, stored };
}

export function targets(rows: Row[], maxRss: number, s3Missing: string | null): Target[] {
  const ratio = (row: Row) => row.lifeboat.seconds / row.base!.seconds;
  const judged = (pick: (row: Row) => boolean, text: (row: Row) => string, label: (row: Row) => string) =>
    rows
      .filter(pick)
      .map((row) => ({ label: label(row), value: ratio(row), ok: ratio(row) <= row.base!.max!, text: text(row) }));
  const captures = (store: string) => (row: Row) => row.store === store && row.base?.max != null;
  const short = (row: Row) => row.operation.replace(/ \(.*\)$/, '');
  const cost = (row: Row) => `${ratio(row) >= 1 ? '+' : ''}${((ratio(row) - 1) * 100).toFixed(0)} %`;
  const s3 = judged(captures('S3'), (row) => `${ratio(row).toFixed(2)}×`, short);
  const encrypted = [
    ...judged(captures('folder, encrypted'), cost, (row) => `folder ${short(row)}`),
    ...judged(captures('S3, encrypted'), cost, (row) => `S3 ${short(row)}`),
  ];
  const withRss = rows.filter((row) => row.lifeboat.maxRssBytes !== null);
  const highest = withRss.reduce<Row | null>(
    (top, row) => (top && top.lifeboat.maxRssBytes! >= row.lifeboat.maxRssBytes! ? top : row),
    null,
  );
  const over = withRss.filter((row) => row.lifeboat.maxRssBytes! > maxRss);
  const mib = (row: Row) => `${(row.lifeboat.maxRssBytes! / 2 ** 20).toFixed(0)} MiB`;
  return [
    {
      name: `S3 capture within ${MAX_S3_RATIO}× of the folder capture`,
      rows: s3Missing ? null : s3,
      why: s3Missing ?? undefined,
    },
    {
      name: `encryption costs at most ${((MAX_ENCRYPTION_RATIO - 1) * 100).toFixed(0)} % of capture time`,
      rows: encrypted,
    },
    {
      name: `peak RSS of every Lifeboat process under ${(maxRss / 2 ** 20).toFixed(0)} MiB`,
      rows: highest
        ? [
            {
              label: `highest ${highest.operation} · ${highest.store}`,
              value: highest.lifeboat.maxRssBytes!,
              ok: over.length === 0,
              text: `${mib(highest)}${over.length ? `; ${over.length} rows over` : ''}`,
            },
          ]
        : null,
      why: 'no RSS measured',
    },
  ];
}
