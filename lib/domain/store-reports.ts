import type { StoreScope } from '@/lib/config/stores';

// What the Storage page's "Check stores" and "Rebuild from stores" say: one line for the audit
// entry and the form, and the reports cut to what a page can show (a store with thousands of
// problems sends the first ones and how many more; the CLI lists them all).

/** What `npm run store -- check` and the Storage page's check find in one store. */
export type CheckReport = {
  scope: StoreScope;
  label: string;
  location: string;
  error?: string;
  manifests: number;
  chunks: number;
  problems: string[];
};

/** What rebuilding the rows from one store recovered, and what it could not place. */
export type Orphan = { id: string; why: string };
export type RebuildReport = {
  scope: StoreScope;
  label: string;
  location: string;
  error?: string;
  manifests: number;
  alreadyKnown: number;
  recovered: { images: number; backups: number; instances: number; teams: number };
  orphans: Orphan[];
};

const REPORT_LIST_LIMIT = 50;

export const count = (n: number, word: string, words = `${word}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? word : words}`;

export type CheckView = Omit<CheckReport, 'problems'> & { problems: string[]; moreProblems: number };
export type RebuildView = Omit<RebuildReport, 'orphans'> & { orphans: Orphan[]; moreOrphans: number };
/** What the actions send back to the page. */
export type CheckResult = { deep: boolean; stores: CheckView[] };
export type RebuildResult = { stores: RebuildView[] };

export function checkView(r: CheckReport, limit = REPORT_LIST_LIMIT): CheckView {
  return { ...r, problems: r.problems.slice(0, limit), moreProblems: Math.max(0, r.problems.length - limit) };
}

export function rebuildView(r: RebuildReport, limit = REPORT_LIST_LIMIT): RebuildView {
  return { ...r, orphans: r.orphans.slice(0, limit), moreOrphans: Math.max(0, r.orphans.length - limit) };
}

const sum = <T>(rows: T[], of: (r: T) => number) => rows.reduce((n, r) => n + of(r), 0);

/** "Checked 3 stores (deep): 4 manifests, 120 chunks, no problems." */
export function checkLine(reports: CheckReport[], deep: boolean): string {
  const problems = sum(reports, (r) => r.problems.length);
  const unreadable = reports.filter((r) => r.error).length;
  return [
    `Checked ${count(reports.length, 'store')}${deep ? ' (deep: every chunk read back)' : ''}: `,
    `${count(
      sum(reports, (r) => r.manifests),
      'manifest',
    )}, ${count(
      sum(reports, (r) => r.chunks),
      'chunk',
    )}, `,
    problems ? count(problems, 'problem') : 'no problems',
    unreadable ? ` (${count(unreadable, 'store')} could not be read)` : '',
    '.',
  ].join('');
}

/** "Rebuilt from 3 stores (5 manifests): recovered 1 image, 1 backup, 1 instance, 1 team; 2 already known; 1 left in the store." */
export function rebuildLine(reports: RebuildReport[]): string {
  const total = (of: (r: RebuildReport) => number) => sum(reports, of);
  const orphans = total((r) => r.orphans.length);
  const unreadable = reports.filter((r) => r.error).length;
  return [
    `Rebuilt from ${count(reports.length, 'store')} (${count(
      total((r) => r.manifests),
      'manifest',
    )}): recovered `,
    `${count(
      total((r) => r.recovered.images),
      'image',
    )}, ${count(
      total((r) => r.recovered.backups),
      'backup',
    )}, `,
    `${count(
      total((r) => r.recovered.instances),
      'instance',
    )}, ${count(
      total((r) => r.recovered.teams),
      'team',
    )}; `,
    `${total((r) => r.alreadyKnown).toLocaleString('en')} already known`,
    orphans ? `; ${count(orphans, 'copy', 'copies')} could not be placed` : '',
    unreadable ? `; ${count(unreadable, 'store')} could not be read` : '',
    '.',
  ].join('');
}
