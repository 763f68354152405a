import { createId } from '@/lib/db/ids';
import type { Db } from '@/lib/db/client';
import type { InstanceStatus } from '@/lib/db/enums';
import { catalogFor, planOf, regionOf } from './catalogs';
import { providerFor } from '@/lib/providers';

export type NewInstance = {
  accountId: string;
  teamId: string;
  label: string;
  region: string;
  plan: string;
  status?: InstanceStatus;
  backupsEnabled?: boolean;
};

/**
 * Creates an instance with its primary and swap disks. The disks are made on the provider
 * first and the rows written after, so a crash in between leaves orphan files, never rows that
 * point at disks that do not exist; if the rows fail, the files are removed again.
 */
export async function provisionInstance(db: Db, input: NewInstance) {
  const account = await db.providerAccount.findUniqueOrThrow({ where: { id: input.accountId } });
  const catalog = await catalogFor(account);
  const plan = planOf(catalog, input.plan);
  if (!plan) throw new Error(`Unknown plan "${input.plan}"`);
  if (!regionOf(catalog, input.region)) throw new Error(`Unknown region "${input.region}"`);
  const provider = providerFor(account);
  const id = createId();
  const disks = [
    { id: createId(), label: 'disk', kind: 'primary' as const, sizeBytes: plan.diskBytes },
    { id: createId(), label: 'swap', kind: 'swap' as const, sizeBytes: plan.swapBytes },
  ];
  await provider.createDisks(id, input.region, disks);
  try {
    return await db.instance.create({
      data: {
        id,
        accountId: input.accountId,
        teamId: input.teamId,
        label: input.label,
        region: input.region,
        plan: input.plan,
        status: input.status ?? 'running',
        backupsEnabled: input.backupsEnabled ?? false,
        backupsEnabledAt: input.backupsEnabled ? new Date() : null,
        disks: {
          create: disks.map((d) => ({ id: d.id, label: d.label, kind: d.kind, sizeBytes: BigInt(d.sizeBytes) })),
        },
      },
      include: { disks: true },
    });
  } catch (error) {
    await provider.destroyInstance(id, input.region);
    throw error;
  }
}

/** Removes an instance's rows and then its disks (used when a deploy fails for good). */
export async function destroyInstance(db: Db, instanceId: string) {
  const instance = await db.instance.findUnique({ where: { id: instanceId }, include: { account: true } });
  if (!instance) return;
  await db.instance.delete({ where: { id: instanceId } });
  await providerFor(instance.account).destroyInstance(instance.id, instance.region, instance.remoteId);
}
