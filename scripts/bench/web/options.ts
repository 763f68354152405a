// Command-line options of `npm run bench -- web` (scripts/bench/web/index.ts says what it does).
export type DatabaseKind = 'sqlite' | 'postgres';

export type WebBenchOptions = {
  sizes: number[];
  databases: DatabaseKind[];
  runs: number;
  warmups: number;
  loadSeconds: number;
  // Seconds of the same load before the measured run, reported apart (./load.ts).
  loadWarmup: number;
  loadConnections: number;
  // Which seeded database the load runs on ("sqlite:1000" by default); "none" skips it.
  loadOn: { database: DatabaseKind; size: number } | null;
  // LIFEBOAT_WEB_PROCESSES for the server (scripts/serve.mjs): `auto` (one per CPU) by default.
  processes: string;
  keep: boolean;
};

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];

function value(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

function wholeNumber(raw: string, name: string, min: number): number {
  const n = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} takes whole numbers of at least ${min}, not "${raw}"`);
  return n;
}

export function parseWebOptions(argv: string[]): WebBenchOptions {
  const sizes = (value(argv, '--sizes') ?? '')
    .split(/[ ,]+/)
    .filter(Boolean)
    .map((s) => wholeNumber(s, '--sizes', 1));
  const databases = (value(argv, '--databases') ?? '').split(',').filter(Boolean);
  for (const d of databases)
    if (!DATABASES.includes(d as DatabaseKind)) throw new Error(`--databases takes sqlite and postgres, not "${d}"`);
  const chosen = {
    sizes: sizes.length ? sizes : DEFAULT_SIZES,
    databases: databases.length ? (databases as DatabaseKind[]) : DATABASES,
  };
  return {
    ...chosen,
    runs: wholeNumber(value(argv, '--runs') ?? '20', '--runs', 1),
    warmups: wholeNumber(value(argv, '--warmups') ?? '3', '--warmups', 0),
    loadSeconds: wholeNumber(value(argv, '--load-seconds') ?? '60', '--load-seconds', 0),
    loadWarmup: wholeNumber(value(argv, '--load-warmup') ?? '15', '--load-warmup', 0),
    loadConnections: wholeNumber(value(argv, '--connections') ?? '50', '--connections', 1),
    loadOn: loadTarget(value(argv, '--load-on'), chosen),
    processes: value(argv, '--processes') ?? process.env.LIFEBOAT_WEB_PROCESSES ?? 'auto',
    keep: argv.includes('--keep'),
  };
}

// The load runs on the demo size (1,000) on SQLite unless told otherwise; when that pair is not
// seeded in this run, on the first database and the smallest size that are.
function loadTarget(raw: string | undefined, chosen: { sizes: number[]; databases: DatabaseKind[] }) {
  if (raw === 'none') return null;
  if (raw) {
    const [database, size] = raw.split(':');
    if (!DATABASES.includes(database as DatabaseKind)) throw new Error(`--load-on takes sqlite:N or postgres:N`);
    return { database: database as DatabaseKind, size: wholeNumber(size ?? '1000', '--load-on', 1) };
  }
  const database = chosen.databases.includes('sqlite') ? 'sqlite' : chosen.databases[0];
  const size = chosen.sizes.includes(1_000) ? 1_000 : Math.min(...chosen.sizes);
  return { database, size };
}
