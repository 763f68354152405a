// What e2e/disaster-recovery.spec.ts does on a Lifeboat host outside the browser, run as
// `node --import tsx e2e/support/dr-host.ts <command>` with that host's DATA_DIR:
//   provision <team> <label>   a team and a running eu-central instance whose disk holds real data
//                              (the host runs with LIFEBOAT_DEMO=0, and nothing in the UI makes one)
//   write <label> <seed>       writes 8 MiB of new data into that instance's primary disk, as its
//                              guest would (so a later copy differs from an earlier one)
//   copies                     the images and backups in its database (ids, labels, sizes, digests)
//   disk-digest <label> <len>  the store digest (lib/storage digestFile) of that instance's primary
//                              disk file, over its first <len> bytes
// Each prints one line of JSON.
import fs from 'node:fs/promises';
import { createDb } from '@/lib/db/client';
import { GiB } from '@/lib/domain/usage';
import { diskPath } from '@/lib/providers/local';
import { fillFilesystem } from '@/lib/disks/fill';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { measureDisks } from '@/lib/operations/measure-disks';
import { provisionInstance } from '@/lib/services/provisioning';
import { closeChunkPool, digestFile } from '@/lib/storage';

const db = createDb();
const [command, ...args] = process.argv.slice(2);

async function provision(teamName: string, label: string) {
  const account = await ensureLocalAccount(db);
  const team = await db.team.create({ data: { name: teamName } });
  const instance = await provisionInstance(db, {
    accountId: account.id,
    teamId: team.id,
    label,
    region: 'eu-central',
    plan: 'nano-1',
    backupsEnabled: true,
  });
  const primary = instance.disks.find((d) => d.kind === 'primary')!;
  // 0.4 GiB in use on its filesystem, the first 48 MiB of it files of mixed random bytes and text
  // (the demo's own fill).
  await fillFilesystem(
    diskPath({ instanceId: instance.id, diskId: primary.id, region: instance.region }),
    Math.round(0.4 * GiB),
    1212,
  );
  await measureDisks(db, { ...instance, account }, [primary]);
  return { teamId: team.id, instanceId: instance.id };
}

async function write(label: string, seed: number) {
  const { file } = await primaryOf(label);
  const data = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < data.length; i += 4) data.writeUInt32LE((Math.imul(i + seed, 2654435761) ^ seed) >>> 0, i);
  const handle = await fs.open(file, 'r+');
  try {
    await handle.write(data, 0, data.length, 100 * 1024 * 1024);
  } finally {
    await handle.close();
  }
  return { file, bytes: data.length };
}

async function primaryOf(label: string) {
  const instance = await db.instance.findFirstOrThrow({ where: { label }, include: { disks: true } });
  const primary = instance.disks.find((d) => d.kind === 'primary')!;
  return { instance, file: diskPath({ instanceId: instance.id, diskId: primary.id, region: instance.region }) };
}

async function copies() {
  const big = (n: bigint) => Number(n);
  const images = await db.image.findMany({
    select: { id: true, label: true, status: true, digest: true, sizeBytes: true, sourceInstanceId: true },
  });
  const backups = await db.backup.findMany({
    select: { id: true, label: true, status: true, digest: true, sizeBytes: true, instanceId: true },
  });
  return {
    images: images.map((i) => ({ ...i, sizeBytes: big(i.sizeBytes) })),
    backups: backups.map((b) => ({ ...b, sizeBytes: big(b.sizeBytes) })),
  };
}

async function diskDigest(label: string, length: number) {
  const { instance, file } = await primaryOf(label);
  return { instanceId: instance.id, status: instance.status, file, digest: await digestFile(file, { length }) };
}

async function main() {
  if (command === 'provision') return provision(args[0], args[1]);
  if (command === 'write') return write(args[0], Number(args[1]));
  if (command === 'copies') return copies();
  if (command === 'disk-digest') return diskDigest(args[0], Number(args[1]));
  throw new Error(
    'usage: dr-host.ts provision <team> <label> | write <label> <seed> | copies | disk-digest <label> <length>',
  );
}

main()
  .then(async (result) => {
    console.log(JSON.stringify(result));
    await closeChunkPool();
    await db.$disconnect();
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
