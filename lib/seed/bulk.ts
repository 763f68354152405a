import fs from 'node:fs/promises';
import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/sqlite/client';
import { catalog } from '@/lib/config/catalog';
import { diskPath, localProvider } from '@/lib/providers/local';
import { createId } from '@/lib/db/ids';

// Many instances for trying the list at scale (LIFEBOAT_DEMO_INSTANCES=10000). Each still has
// real sparse disk files with a little data written, so usage is measured like any other.

export async function seedBulk(
  db: Db,
  accountId: string,
  teamIds: string[],
  count: number,
  log: (line: string) => void,
) {
  const { plans, regions } = catalog();
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const instances: Prisma.InstanceCreateManyInput[] = [];
    const disks: Prisma.DiskCreateManyInput[] = [];
    for (let i = start; i < Math.min(count, start + batch); i += 1) {
      const id = createId();
      const region = regions[i % regions.length].id;
      const plan = plans[i % plans.length];
      const primaryId = createId();
      const swapId = createId();
      const label = `bulk-${String(i + 1).padStart(5, '0')}`;
      await localProvider.createDisks(
        id,
        region,
        [
          { id: primaryId, label: 'disk', kind: 'primary', sizeBytes: plan.diskBytes },
          { id: swapId, label: 'swap', kind: 'swap', sizeBytes: plan.swapBytes },
        ],
        { blank: true },
      );
      const written = 4096 * (1 + ((i * 7919) % 64));
      await fs.writeFile(diskPath({ instanceId: id, diskId: primaryId, region }), Buffer.alloc(written, i % 251), {
        flag: 'r+',
      });
      instances.push({
        id,
        accountId,
        teamId: teamIds[i % teamIds.length],
        label,
        region,
        plan: plan.id,
        status: i % 13 === 0 ? 'offline' : 'running',
        backupsEnabled: i % 3 === 0,
        backupsEnabledAt: i % 3 === 0 ? new Date() : null,
        primaryUsedBytes: BigInt(written),
      });
      disks.push(
        {
          id: primaryId,
          instanceId: id,
          label: 'disk',
          kind: 'primary',
          sizeBytes: BigInt(plan.diskBytes),
          usedBytes: BigInt(written),
        },
        { id: swapId, instanceId: id, label: 'swap', kind: 'swap', sizeBytes: BigInt(plan.swapBytes) },
      );
    }
    await db.instance.createMany({ data: instances });
    await db.disk.createMany({ data: disks });
    log(`  ${Math.min(count, start + batch)} of ${count} bulk instances`);
  }
}
