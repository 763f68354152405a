// Lists that show only their first rows (the overview's), built from batches in any order.

/** Keeps the `size` first rows by label (then id), whatever order they arrive in. */
export function keepFirst<T extends { id: string; label: string }>(kept: T[], rows: T[], size: number): T[] {
  const all = [...kept, ...rows];
  all.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return all.slice(0, size);
}
