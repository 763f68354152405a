import type { Timing } from './steps';

// The benchmark's table: one row per timed step and store, then stored bytes per store; each row
// beside restic on the same kind of store, and compared with its base row (S3 with the folder,
// encrypted with plain). Then the targets, as met or missed: a report, never a failing test.

export type Row = {
  operation: string;
  store: string;
  lifeboat: Timing;
  restic: Timing | null;
  /** Target on lifeboat ÷ restic (the folder store's rows). */
  maxResticRatio: number | null;
  /** The row compared with: its store, its seconds, the target on the ratio (null: shown only). */
  base: { store: string; seconds: number; max: number | null } | null;
};

export type StoredRow = {
  store: string;
  ours: number;
  theirs: number | null;
  max: number | null;
  base: { store: string; bytes: number } | null;
};

/** A target of the issue, judged over some rows: each with its measured ratio or value. */
export type Target = {
  name: string;
  rows: { label: string; value: number; ok: boolean; text: string }[] | null;
  why?: string;
};

type Report = {
  title: string;
  rows: Row[];
  stored: StoredRow[];
  maxRss: number;
  targets: Target[];
  legend: string[];
  notes: string[];
};

const MB = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const MiB = (n: number | null) => (n === null ? '—' : `${(n / 2 ** 20).toFixed(0)}`);
const s = (n: number | null | undefined) => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(1));
const x = (n: number) => `${n.toFixed(2)}×`;
const baseName = (row: { store: string }, base: string) =>
  base === 'folder' && row.store === 'S3' ? 'folder' : 'plain';

export function printReport(r: Report): void {
  const table: string[][] = [
    [
      'operation',
      'store',
      'lifeboat',
      'restic',
      '÷ restic',
      'compared',
      'target',
      'result',
      'CPU s ours/restic',
      'Swift CPU s',
      'peak RSS MiB',
    ],
  ];
  const missed: string[] = [];
  for (const row of r.rows) {
    const { lifeboat: ours, restic: theirs } = row;
    const ratio = theirs ? ours.seconds / theirs.seconds : null;
    const baseRatio = row.base ? ours.seconds / row.base.seconds : null;
    const name = row.base ? baseName(row, row.base.store) : '';
    let target = '';
    let timeOk: boolean | null = null;
    if (row.maxResticRatio !== null && ratio !== null) {
      target = `≤ ${x(row.maxResticRatio)} restic`;
      timeOk = ratio <= row.maxResticRatio;
    } else if (row.base?.max != null && baseRatio !== null) {
      target = `≤ ${x(row.base.max)} ${name}`;
      timeOk = baseRatio <= row.base.max;
    }
    const rssOk = ours.maxRssBytes === null || ours.maxRssBytes <= r.maxRss;
    const result =
      timeOk !== false && rssOk ? 'pass' : `MISS${rssOk ? '' : timeOk === false ? ' (time, RSS)' : ' (RSS)'}`;
    if (result !== 'pass') missed.push(`${row.operation} · ${row.store}`);
    const front = theirs?.frontCpuSeconds ? `+${s(theirs.frontCpuSeconds)} TLS` : '';
    table.push([
      row.operation,
      row.store,
      `${ours.seconds.toFixed(2)} s`,
      theirs ? `${theirs.seconds.toFixed(2)} s` : '—',
      ratio === null ? '—' : x(ratio),
      baseRatio === null ? '' : `${x(baseRatio)} ${name}`,
      target,
      result,
      `${s(ours.cpuSeconds)} / ${theirs ? s(theirs.cpuSeconds) + front : '—'}`,
      ours.serverCpuSeconds === null || !row.store.startsWith('S3')
        ? ''
        : `${s(ours.serverCpuSeconds)} / ${theirs ? s(theirs.serverCpuSeconds) : '—'}`,
      `${MiB(ours.maxRssBytes)} / ${MiB(theirs?.maxRssBytes ?? null)}`,
    ]);
  }
  for (const row of r.stored) {
    const ratio = row.theirs === null ? null : row.ours / row.theirs;
    const ok = row.max === null || ratio === null ? null : ratio <= row.max;
    if (ok === false) missed.push(`stored bytes · ${row.store}`);
    const what = row.store.startsWith('S3') ? 'stored bytes (objects)' : 'stored bytes (allocated)';
    table.push([
      what,
      row.store,
      MB(row.ours),
      row.theirs === null ? '—' : MB(row.theirs),
      ratio === null ? '—' : x(ratio),
      row.base ? `${x(row.ours / row.base.bytes)} plain` : '',
      row.max === null ? '' : `≤ ${x(row.max)} restic`,
      ok === null ? '' : ok ? 'pass' : 'MISS',
      '',
      '',
      '',
    ]);
  }

  console.log(`\n${r.title}\n`);
  printTable(table);
  console.log('');
  for (const line of r.legend) console.log(`  ${line}`);
  for (const note of r.notes) console.log(`  ${note}`);
  console.log('\nTargets (a report, not a test):');
  for (const t of r.targets) {
    if (!t.rows) {
      console.log(`  ${t.name}: not measured (${t.why})`);
      continue;
    }
    const met = t.rows.every((row) => row.ok);
    console.log(
      `  ${t.name}: ${met ? 'met' : 'MISSED'} (${t.rows.map((row) => `${row.label} ${row.text}${row.ok ? '' : ' ✗'}`).join(', ')})`,
    );
  }
  console.log(missed.length ? `\nRows that miss a target: ${missed.join('; ')}` : '\nEvery row meets its target.');
}

/** Prints rows as columns: a header, a rule, then the rows; the first two columns flush left, the
 *  figures flush right. Shared by the 1 GiB and the large-disk tables. */
export function printTable(table: string[][]): void {
  const widths = table[0].map((_, c) => Math.max(...table.map((line) => line[c].length)));
  const format = (line: string[]) =>
    line
      .map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  console.log(format(table[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of table.slice(1)) console.log(format(line));
}
