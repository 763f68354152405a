import type { Db } from '@/lib/db/client';
import type { MembershipRole } from '@/lib/db/enums';
import { hashPassword } from '@/lib/auth/password';
import type { Permission } from '@/lib/auth/permissions';
import { encryptSecret } from '@/lib/crypto/secrets';
import { enqueueJob } from '@/lib/jobs';
import { ensureLocalAccount } from '@/lib/seed/demo';
import { provisionInstance } from '@/lib/services/provisioning';
import { refreshBackupFacts } from '@/lib/services/backup-facts';

// The organisation the permission matrix runs in: team A owns every resource a case touches;
// the five callers are an admin, a member of A, a member of another team (B), a viewer of A,
// and nobody signed in. Each case arranges fresh resources, so cases never depend on each other.

export const ROLES = ['admin', 'member', 'other', 'viewer', 'anonymous'] as const;
export type Role = (typeof ROLES)[number];

/** The permission rules as a table: which callers each kind of rule lets through. */
export const ALLOWED: Record<Permission, readonly Role[]> = {
  read: ['admin', 'member', 'viewer'],
  write: ['admin', 'member'],
  admin: ['admin'],
  self: ['admin', 'member', 'other', 'viewer'],
};

export const PASSWORD = 'matrix original passphrase';

export type World = {
  db: Db;
  accountId: string;
  teamA: string;
  teamB: string;
  users: Record<Exclude<Role, 'anonymous'>, { id: string; email: string }>;
  passwordHash: string;
  unique: (prefix: string) => string;
};

export async function createWorld(db: Db): Promise<World> {
  const accountId = (await ensureLocalAccount(db)).id;
  const teamA = (await db.team.create({ data: { name: 'Owners' } })).id;
  const teamB = (await db.team.create({ data: { name: 'Others' } })).id;
  const passwordHash = await hashPassword(PASSWORD);
  const user = async (email: string, isAdmin: boolean, teamId?: string, role?: MembershipRole) =>
    db.user.create({
      data: {
        email,
        name: email.split('@')[0],
        isAdmin,
        passwordHash,
        memberships: teamId ? { create: { teamId, role: role! } } : undefined,
      },
      select: { id: true, email: true },
    });
  const users = {
    admin: await user('admin@matrix.test', true),
    member: await user('member@matrix.test', false, teamA, 'member'),
    other: await user('other@matrix.test', false, teamB, 'member'),
    viewer: await user('viewer@matrix.test', false, teamA, 'viewer'),
  };
  let n = 0;
  return { db, accountId, teamA, teamB, users, passwordHash, unique: (prefix) => `${prefix}-${(n += 1)}` };
}

export async function instanceOf(w: World, options: { backups?: boolean; teamId?: string } = {}) {
  return provisionInstance(w.db, {
    accountId: w.accountId,
    teamId: options.teamId ?? w.teamA,
    label: w.unique('box'),
    region: 'eu-central',
    plan: 'small',
    backupsEnabled: options.backups ?? false,
  });
}

export async function imageOf(w: World) {
  const source = await instanceOf(w);
  return w.db.image.create({
    data: {
      accountId: w.accountId,
      teamId: w.teamA,
      label: w.unique('img'),
      status: 'available',
      sourceInstanceId: source.id,
      sourceInstanceLabel: source.label,
      sourceDiskLabel: 'disk',
      region: 'eu-central',
      sizeBytes: 1024,
    },
  });
}

export async function backupOf(w: World) {
  const instance = await instanceOf(w, { backups: true });
  const disk = instance.disks.find((d) => d.kind === 'primary')!;
  const backup = await w.db.backup.create({
    data: {
      instanceId: instance.id,
      teamId: w.teamA,
      region: 'eu-central',
      kind: 'snapshot',
      slot: 'snapshot',
      label: 'snap',
      status: 'successful',
      diskId: disk.id,
      sizeBytes: 1024,
      takenAt: new Date(),
    },
  });
  await refreshBackupFacts(w.db, instance.id);
  return { instance, backup };
}

export async function queuedJobOf(w: World) {
  const { backup, instance } = await backupOf(w);
  return enqueueJob(w.db, {
    kind: 'backup.verify',
    input: { backupId: backup.id },
    teamId: w.teamA,
    instanceId: instance.id,
  });
}

/** Every row but the audit log's, to show a refused call changed nothing. */
export async function snapshot(db: Db) {
  const tables = await Promise.all([
    db.user.findMany({ orderBy: { id: 'asc' } }),
    db.team.findMany({ orderBy: { id: 'asc' } }),
    db.membership.findMany({ orderBy: [{ userId: 'asc' }, { teamId: 'asc' }] }),
    db.providerAccount.findMany({ orderBy: { id: 'asc' } }),
    db.instance.findMany({ orderBy: { id: 'asc' } }),
    db.instanceTag.findMany({ orderBy: [{ instanceId: 'asc' }, { tag: 'asc' }] }),
    db.disk.findMany({ orderBy: { id: 'asc' } }),
    db.job.findMany({ orderBy: { id: 'asc' } }),
    db.image.findMany({ orderBy: { id: 'asc' } }),
    db.backup.findMany({ orderBy: { id: 'asc' } }),
    db.storeSetting.findMany({ orderBy: { scope: 'asc' } }),
    db.apiToken.findMany({ orderBy: { id: 'asc' } }),
    db.alertDestination.findMany({ orderBy: { id: 'asc' } }),
    db.alertDelivery.findMany({ orderBy: { id: 'asc' } }),
    db.alertSettings.findMany({ orderBy: { id: 'asc' } }),
    db.metricsToken.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return JSON.stringify(tables, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export async function userOf(w: World, data: { disabled?: boolean } = {}) {
  return w.db.user.create({
    data: { email: `${w.unique('someone')}@matrix.test`, name: 'Someone', passwordHash: 'x', ...data },
  });
}

export async function teamOf(w: World, withMember?: { id: string }) {
  return w.db.team.create({
    data: {
      name: w.unique('Team'),
      memberships: withMember ? { create: { userId: withMember.id, role: 'member' } } : undefined,
    },
  });
}

/**
 * A user who still holds an admin's one-time password (User.mustChangePassword), made an admin
 * and a member of team A so that, once they have chosen their own, every read shows them
 * everything: only the one-time password stands between them and the data.
 */
export async function mustChangeUserOf(w: World) {
  return w.db.user.create({
    data: {
      email: `${w.unique('one-time')}@matrix.test`,
      name: 'One Time',
      isAdmin: true,
      passwordHash: w.passwordHash,
      mustChangePassword: true,
      memberships: { create: { teamId: w.teamA, role: 'member' } },
    },
  });
}

/** A webhook destination of team A (its secret sealed like a real one). */
export async function destinationOf(w: World) {
  return w.db.alertDestination.create({
    data: {
      teamId: w.teamA,
      kind: 'webhook',
      name: w.unique('Hook'),
      target: 'https://hooks.example.com/lifeboat',
      secretEncrypted: encryptSecret('whsec_bWF0cml4LXNlY3JldC1ieXRlcy0xMjM0'),
      events: ['backup.failed'],
    },
  });
}
