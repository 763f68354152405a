// How a numbered page of a sorted list is read. OFFSET walks every row it skips, so a page past
// the middle is read from the other end in the opposite order and turned round: the last page
// costs what the first does, and no page skips more than half the list.

export type PageRead = { skip: number; take: number; reversed: boolean };

export function pageRead(page: number, size: number, total: number): PageRead {
  const before = (page - 1) * size;
  const onPage = Math.max(0, Math.min(size, total - before));
  if (before <= total / 2) return { skip: before, take: size, reversed: false };
  return { skip: Math.max(0, total - before - onPage), take: onPage, reversed: true };
}
