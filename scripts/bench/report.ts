// The benchmark's table: one row per timed step, then stored bytes and peak memory.

export type Row = { name: string; lifeboat: number; restic: number | null; maxRatio: number };

type Report = {
  title: string;
  rows: Row[];
  stored: [number, number | null];
  maxStoredRatio: number;
  rss: number;
  maxRss: number;
  notes: string[];
};

const MB = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'pass' : 'MISS');

export function printReport(r: Report): void {
  const table: string[][] = [['operation', 'lifeboat', 'restic', 'ratio', 'target', 'result']];
  const missed: string[] = [];
  const add = (name: string, ours: string, theirs: string, ratio: number | null, target: string, ok: boolean | null) => {
    table.push([name, ours, theirs, ratio === null ? '—' : ratio.toFixed(2), target, verdict(ok)]);
    if (ok === false) missed.push(name);
  };
  for (const row of r.rows) {
    const ratio = row.restic === null ? null : row.lifeboat / row.restic;
    add(row.name, `${row.lifeboat.toFixed(2)} s`, row.restic === null ? '—' : `${row.restic.toFixed(2)} s`, ratio, `≤ ${row.maxRatio.toFixed(2)}×`, ratio === null ? null : ratio <= row.maxRatio);
  }
  const [ours, theirs] = r.stored;
  const storedRatio = theirs === null ? null : ours / theirs;
  add('stored bytes (allocated)', MB(ours), theirs === null ? '—' : MB(theirs), storedRatio, `≤ ${r.maxStoredRatio.toFixed(2)}×`, storedRatio === null ? null : storedRatio <= r.maxStoredRatio);
  add('peak RSS (lifeboat process)', MB(r.rss), '—', null, `≤ ${MB(r.maxRss)}`, r.rss <= r.maxRss);

  const widths = table[0].map((_, c) => Math.max(...table.map((line) => line[c].length)));
  const format = (line: string[]) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\n${r.title}\n`);
  console.log(format(table[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of table.slice(1)) console.log(format(line));
  console.log('');
  for (const note of r.notes) console.log(`  ${note}`);
  console.log(missed.length ? `\nMissed targets: ${missed.join(', ')}` : '\nAll targets met.');
}
