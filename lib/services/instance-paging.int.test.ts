import { describe, expect, it } from 'vitest';
import { PROVIDERS, useOwnedDatabase } from '@/tests/databases';
import { listInstances } from './instances';

// Pages past the middle are read from the other end (lib/domain/paging.ts): every page, under
// every sort and direction, holds exactly the rows plain offset paging would, ties included.

const COUNT = 47;
const SORTS = ['label', 'status', 'region', 'plan', 'usage', 'backups', 'created'] as const;

describe.each(PROVIDERS)('instance list paging on %s', (provider) => {
  const database = useOwnedDatabase(provider, async (db) => {
    await db.instance.createMany({
      data: Array.from({ length: COUNT }, (_, i) => ({
        id: `i${String((i * 7) % COUNT).padStart(3, '0')}`,
        accountId: 'acc',
        teamId: 'team',
        label: `host-${String(i).padStart(3, '0')}`,
        status: i % 5 === 0 ? ('offline' as const) : ('running' as const),
        region: i % 2 ? 'eu-central' : 'us-east',
        plan: ['small', 'large', 'micro'][i % 3],
        primaryUsedBytes: BigInt((i % 4) * 1000),
        backupsEnabled: i % 3 === 0,
        createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 6))),
      })),
    });
  });

  it.each(SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((dir) => [sort, dir] as const)))(
    'pages of %s %s hold every row once, in order',
    async (sort, dir) => {
      const everything = await listInstances(database().db, null, {
        q: '',
        sort,
        dir,
        page: 1,
        size: 100 as 20,
        health: null,
      });
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const { rows, pageCount } = await listInstances(database().db, null, {
          q: '',
          sort,
          dir,
          page,
          size: 20,
          health: null,
        });
        expect(pageCount).toBe(3);
        seen.push(...rows.map((r) => r.id));
      }
      expect(seen).toEqual(everything.rows.map((r) => r.id));
      expect(new Set(seen).size).toBe(COUNT);
    },
  );
});
