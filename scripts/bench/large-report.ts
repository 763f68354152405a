import type { ResticRun } from './measure';
import { printTable } from './report';

// The large rows' table: per operation the machine's limit, Lifeboat and each peer, every time
// also as a multiple of the limit; Lifeboat's time as a ratio to each peer's where a target says
// so; then the targets, met or missed (a report, not a test).

export type LargeRow = { operation: string; tool: string; timing: ResticRun; bytes: number | null };

/** Lifeboat's time ÷ the peer's, at most; by operation kind and peer. */
const TARGETS: { kind: 'capture' | 'restore'; peer: string; max: number }[] = [
  { kind: 'capture', peer: 'partclone | zstd -1', max: 1 },
  { kind: 'capture', peer: 'restic', max: 0.5 },
  { kind: 'capture', peer: 'borg', max: 0.5 },
  { kind: 'restore', peer: 'restic', max: 1 },
];
const MAX_RSS = 300 * 2 ** 20;
const LIMIT = 'machine limit';

const kindOf = (operation: string) => (operation.startsWith('restore') ? 'restore' : 'capture');
const x = (n: number) => `${n.toFixed(2)}×`;
const s = (n: number | null) => (n === null ? '—' : n.toFixed(1));
const MiB = (n: number | null) => (n === null ? '—' : (n / 2 ** 20).toFixed(0));

export type Judged = { target: string; operation: string; ratio: number; ok: boolean };

const finder = (rows: LargeRow[]) => (operation: string, tool: string) =>
  rows.find((row) => row.operation === operation && row.tool === tool);

/** Every Lifeboat row against each peer a target names, on the same operation (a restore: the
 *  peer's one restore row). */
export function largeTargets(rows: LargeRow[]): Judged[] {
  const find = finder(rows);
  const judged: Judged[] = [];
  for (const t of TARGETS)
    for (const ours of rows.filter((row) => row.tool === 'Lifeboat' && kindOf(row.operation) === t.kind)) {
      const peer = find(ours.operation, t.peer) ?? find(t.kind, t.peer);
      if (!peer) continue;
      const ratio = ours.timing.seconds / peer.timing.seconds;
      judged.push({
        target: `${t.kind} at most ${x(t.max)} ${t.peer}`,
        operation: ours.operation,
        ratio,
        ok: ratio <= t.max,
      });
    }
  return judged;
}

export function printLargeReport(r: {
  versions: Record<string, string | null>;
  readBytes: number;
  rows: LargeRow[];
  notes: string[];
  usedBytes: number;
  sizeBytes: number;
  fileBytes: number;
}): void {
  const { rows } = r;
  const find = finder(rows);
  // Restores are set against the limit measured on the disk they restore (after the change).
  const limitOf = (operation: string) =>
    (find(operation, LIMIT) ?? find('re-capture (10% changed)', LIMIT))!.timing.seconds;
  // The peers' restore row is compared with Lifeboat's default (durable) restore.
  const oursFor = (operation: string) =>
    find(operation, 'Lifeboat') ?? find('restore (durable, the default)', 'Lifeboat');
  const table: string[][] = [
    ['operation', 'tool', 'time', '÷ limit', 'Lifeboat ÷ it', 'target', 'result', 'CPU s', 'peak RSS MiB', 'MB stored'],
  ];
  for (const row of rows) {
    const { seconds } = row.timing;
    const ours = oursFor(row.operation);
    const target = TARGETS.find((t) => t.kind === kindOf(row.operation) && t.peer === row.tool);
    const ratio = ours && row.tool !== 'Lifeboat' && row.tool !== LIMIT ? ours.timing.seconds / seconds : null;
    let result = '';
    if (target && ratio !== null) result = ratio <= target.max ? 'pass' : 'MISS';
    if (row.tool === 'Lifeboat' && row.timing.maxRssBytes !== null && row.timing.maxRssBytes > MAX_RSS)
      result = 'MISS (RSS)';
    table.push([
      row.operation,
      row.tool,
      `${seconds.toFixed(2)} s`,
      x(seconds / limitOf(row.operation)),
      ratio === null ? '' : x(ratio),
      target ? `≤ ${x(target.max)}` : '',
      result,
      s(row.timing.cpuSeconds),
      MiB(row.timing.maxRssBytes),
      row.bytes === null ? '' : (row.bytes / 1e6).toFixed(0),
    ]);
  }
  const judged = largeTargets(rows);
  const v = r.versions;
  console.log(
    `\nLarge disk: ${(r.sizeBytes / 2 ** 30).toFixed(0)} GiB sparse, ext4 holding ${(r.fileBytes / 2 ** 30).toFixed(2)} GiB of files, ${(r.usedBytes / 2 ** 30).toFixed(2)} GiB used blocks; Lifeboat vs partclone ${v.partclone}, restic ${v.restic}, borg ${v.borg}; 1 run, page cache dropped before each timed step\n`,
  );
  printTable(table);
  console.log('');
  for (const line of [
    `machine limit: read the used data (the read plan of lib/disks: the filesystem's used blocks that the host holds, ${(r.readBytes / 2 ** 30).toFixed(2)} GiB) with a cold cache and compress it with zstd ${v.zstd} -1 -T2, output thrown away; ÷ limit: each time as a multiple of it`,
    'Lifeboat: a plain folder store, zstd -1, 4 MiB chunks, reading the read plan only, as the app captures; time measured inside its own process (finding the plan included), peak RSS its own VmHWM (worker threads included)',
    'partclone.ext4 -c (used blocks) | zstd -1 -T2 into one file; restored by zstd -d | partclone.ext4 -r onto a sparse file of the disk’s size',
    'restic: local repository, format 2, compression auto (zstd fastest), always encrypted; restored by restic dump | dd conv=sparse (0.14 has no sparse restore: it would write every byte of the disk)',
    'borg: local repository, no encryption, default compression (lz4), --chunker-params fixed,4194304 --sparse; restored by borg extract --sparse',
    'peers: wall time of the command (start-up included), CPU and peak RSS from GNU time (a pipeline: CPU of all, RSS of the largest); MB stored: the store’s allocated bytes after the capture',
    ...r.notes,
  ])
    console.log(`  ${line}`);
  console.log('\nLarge-disk targets (a report, not a test):');
  const names = [...new Set(judged.map((j) => j.target))];
  for (const name of names) {
    const these = judged.filter((j) => j.target === name);
    const met = these.every((j) => j.ok);
    console.log(
      `  ${name}: ${met ? 'met' : 'MISSED'} (${these.map((j) => `${j.operation} ${x(j.ratio)}${j.ok ? '' : ' ✗'}`).join(', ')})`,
    );
  }
  const ours = rows.filter((row) => row.tool === 'Lifeboat' && row.timing.maxRssBytes !== null);
  const highest = Math.max(...ours.map((row) => row.timing.maxRssBytes!));
  console.log(
    `  peak RSS of every Lifeboat process under ${MAX_RSS / 2 ** 20} MiB: ${highest <= MAX_RSS ? 'met' : 'MISSED'} (highest ${MiB(highest)} MiB)`,
  );
}
