import type { Db } from '@/lib/db/client';
import { hashPassword } from '@/lib/auth/password';
import { checkPassword } from '@/lib/domain/password-policy';
import { GiB } from '@/lib/domain/usage';
import { diskPath } from '@/lib/providers/local';
import { fillFilesystem } from '@/lib/disks/fill';
import { measureDueDisks } from '@/lib/operations/measure-disks';
import { provisionInstance } from '@/lib/services/provisioning';
import { seedBulk } from './bulk';

// The demo organisation shown on first start: two teams, three users (one per role) and ten
// instances in two regions whose disks hold real data, so usage against the 6 GiB ceiling
// varies from well under to over.

export const DEMO_PASSWORD = 'lifeboat-demo';
export const DEMO_USERS = [
  { email: 'admin@lifeboat.local', name: 'Ada Admin', isAdmin: true, team: null, role: null },
  { email: 'member@lifeboat.local', name: 'Max Member', isAdmin: false, team: 'Platform', role: 'member' },
  { email: 'viewer@lifeboat.local', name: 'Vic Viewer', isAdmin: false, team: 'Web', role: 'viewer' },
] as const;

const DEMO_INSTANCES = [
  { label: 'web-frontend-1', team: 'Web', region: 'eu-central', plan: 'nano-1', usedGiB: 0.6, backups: true },
  { label: 'web-frontend-2', team: 'Web', region: 'us-east', plan: 'nano-1', usedGiB: 1.1, backups: true },
  { label: 'api-gateway', team: 'Platform', region: 'eu-central', plan: 'standard-2', usedGiB: 1.4, backups: false },
  { label: 'db-primary', team: 'Platform', region: 'eu-central', plan: 'standard-8', usedGiB: 6.3, backups: true },
  { label: 'db-replica', team: 'Platform', region: 'us-east', plan: 'standard-8', usedGiB: 5.9, backups: true },
  { label: 'cache-redis', team: 'Platform', region: 'eu-central', plan: 'nano-1', usedGiB: 0.3, backups: false },
  { label: 'ci-runner', team: 'Platform', region: 'us-east', plan: 'standard-4', usedGiB: 2.2, backups: false },
  {
    label: 'mail-relay',
    team: 'Web',
    region: 'us-east',
    plan: 'nano-1',
    usedGiB: 0.2,
    backups: false,
    status: 'offline',
  },
  { label: 'analytics-etl', team: 'Web', region: 'eu-central', plan: 'standard-4', usedGiB: 3.1, backups: false },
  { label: 'staging-web', team: 'Web', region: 'eu-central', plan: 'standard-2', usedGiB: 0.9, backups: false },
] as const;

export async function ensureLocalAccount(db: Db) {
  return db.providerAccount.upsert({
    where: { name: 'Local host' },
    update: {},
    create: { name: 'Local host', kind: 'local' },
  });
}

/** The first admin from LIFEBOAT_ADMIN_EMAIL / LIFEBOAT_ADMIN_PASSWORD, made once. */
export async function ensureAdminFromEnv(db: Db, env = process.env): Promise<string | null> {
  const email = env.LIFEBOAT_ADMIN_EMAIL?.trim().toLowerCase();
  const password = env.LIFEBOAT_ADMIN_PASSWORD;
  if (!email || !password) return null;
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) return null;
  // The first admin's password meets the same policy as everyone's; a weak one stops the start.
  const weak = checkPassword(password, { email });
  if (weak) throw new Error(`LIFEBOAT_ADMIN_PASSWORD is refused: ${weak}`);
  await db.user.create({
    data: { email, name: email.split('@')[0], isAdmin: true, passwordHash: await hashPassword(password) },
  });
  return email;
}

/** The demo's users, each in its team (`teams`: team name -> id), all with the demo password. */
export async function createDemoUsers(db: Db, teams: Map<string, string>) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    await db.user.create({
      data: {
        email: u.email,
        name: u.name,
        isAdmin: u.isAdmin,
        passwordHash,
        memberships: u.team ? { create: { teamId: teams.get(u.team)!, role: u.role! } } : undefined,
      },
    });
  }
}

/** Seeds the demo once: a database that already has teams is left alone. */
export async function seedDemo(
  db: Db,
  options: { bulkInstances?: number; log?: (line: string) => void } = {},
): Promise<boolean> {
  const log = options.log ?? (() => {});
  if ((await db.team.count()) > 0) return false;
  const account = await ensureLocalAccount(db);
  const teams = new Map<string, string>();
  for (const name of ['Platform', 'Web']) teams.set(name, (await db.team.create({ data: { name } })).id);
  await createDemoUsers(db, teams);
  for (const [i, spec] of DEMO_INSTANCES.entries()) {
    const instance = await provisionInstance(db, {
      accountId: account.id,
      teamId: teams.get(spec.team)!,
      label: spec.label,
      region: spec.region,
      plan: spec.plan,
      status: 'status' in spec ? spec.status : 'running',
      backupsEnabled: spec.backups,
    });
    const primary = instance.disks.find((d) => d.kind === 'primary')!;
    await fillFilesystem(
      diskPath({ instanceId: instance.id, diskId: primary.id, region: spec.region }),
      Math.round(spec.usedGiB * GiB),
      i + 1,
    );
    log(`  ${spec.label}: ${spec.usedGiB} GiB of data`);
  }
  if (options.bulkInstances) await seedBulk(db, account.id, [...teams.values()], options.bulkInstances, log);
  // Measure every disk once now (the measuring operation's own batch), so the first page already
  // shows usage and lists sorted by it are right before anyone opens them.
  await measureDueDisks(db, new Date(), 10_000);
  return true;
}
