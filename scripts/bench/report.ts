// The benchmark's table: one row per timed step, then stored bytes and peak memory.

export type Row = { name: string; lifeboat: number; restic: number | null; lifeboatCpu: number; resticCpu: number | null; maxRatio: number };

type Report = {
  title: string;
  rows: Row[];
  stored: [number, number | null];
  maxStoredRatio: number;
  rss: number;
  resticRss: number | null;
  maxRss: number;
  notes: string[];
};

const MB = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const MiB = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const cpu = (n: number | null) => (n === null || Number.isNaN(n) ? '—' : n.toFixed(1));
const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'pass' : 'MISS');

export function printReport(r: Report): void {
  const table: string[][] = [['operation', 'lifeboat', 'restic', 'ratio', 'target', 'result', 'CPU s lifeboat/restic']];
  const missed: string[] = [];
  const add = (name: string, ours: string, theirs: string, ratio: number | null, target: string, ok: boolean | null, extra = '') => {
    table.push([name, ours, theirs, ratio === null ? '—' : ratio.toFixed(2), target, verdict(ok), extra]);
    if (ok === false) missed.push(name);
  };
  for (const row of r.rows) {
    const ratio = row.restic === null ? null : row.lifeboat / row.restic;
    const target = `≤ ${row.maxRatio.toFixed(2)}×`;
    add(row.name, `${row.lifeboat.toFixed(2)} s`, row.restic === null ? '—' : `${row.restic.toFixed(2)} s`, ratio, target, ratio === null ? null : ratio <= row.maxRatio, `${cpu(row.lifeboatCpu)} / ${cpu(row.resticCpu)}`);
  }
  const [ours, theirs] = r.stored;
  const storedRatio = theirs === null ? null : ours / theirs;
  add('stored bytes (allocated)', MB(ours), theirs === null ? '—' : MB(theirs), storedRatio, `≤ ${r.maxStoredRatio.toFixed(2)}×`, storedRatio === null ? null : storedRatio <= r.maxStoredRatio);
  add('peak RSS', MiB(r.rss), r.resticRss ? MiB(r.resticRss) : '—', null, `≤ ${MiB(r.maxRss)}`, r.rss <= r.maxRss);

  const widths = table[0].map((_, c) => Math.max(...table.map((line) => line[c].length)));
  const format = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\n${r.title}\n`);
  console.log(format(table[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of table.slice(1)) console.log(format(line));
  console.log('');
  console.log('  lifeboat: time and CPU of the operation inside its own process (start-up excluded); peak RSS of that process');
  console.log('  restic: wall time of the command (start-up and key derivation included), CPU and peak RSS from GNU time');
  for (const note of r.notes) console.log(`  ${note}`);
  console.log(missed.length ? `\nMissed targets: ${missed.join(', ')}` : '\nAll targets met.');
}
