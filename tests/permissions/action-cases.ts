import os from 'node:os';
import path from 'node:path';
import { encryptSecret } from '@/lib/crypto/secrets';
import { hashSecret } from '@/lib/services/api-tokens';
import { tokenFor } from '../api-tokens';
import type { Permission } from '@/lib/auth/permissions';
import {
  backupOf,
  destinationOf,
  imageOf,
  instanceOf,
  queuedJobOf,
  teamOf,
  userOf,
  PASSWORD,
  type Role,
  type World,
} from './world';

// One entry per server action, keyed by its audit name: the rule lib/auth/permissions.ts gives it, and how
// to arrange a call that succeeds when the caller is allowed (fresh resources of team A each
// time). The matrix test fails for an action that is exported but missing here.

export type ActionCase = { rule: Permission; arrange: (w: World, role: Role) => Promise<Record<string, unknown>> };

const primary = (i: { disks: { id: string; kind: string }[] }) => i.disks.find((d) => d.kind === 'primary')!;

export const ACTION_CASES: Record<string, ActionCase> = {
  'image.capture': {
    rule: 'write',
    arrange: async (w) => {
      const i = await instanceOf(w);
      return { instanceId: i.id, diskId: primary(i).id, label: 'captured', description: '' };
    },
  },
  'image.update': {
    rule: 'write',
    arrange: async (w) => ({ imageId: (await imageOf(w)).id, label: 'renamed', description: 'new words' }),
  },
  'image.delete': {
    rule: 'write',
    arrange: async (w) => {
      const image = await imageOf(w);
      return { imageId: image.id, confirm: image.label };
    },
  },
  'image.deploy': {
    rule: 'write',
    arrange: async (w) => ({
      imageId: (await imageOf(w)).id,
      label: w.unique('deployed'),
      teamId: w.teamA,
      region: 'eu-central',
      plan: 'small',
    }),
  },
  'backups.enable': { rule: 'write', arrange: async (w) => ({ instanceId: (await instanceOf(w)).id }) },
  'backups.enable-bulk': {
    rule: 'write',
    arrange: async (w) => ({ instanceIds: [(await instanceOf(w)).id, (await instanceOf(w)).id] }),
  },
  'backups.cancel': {
    rule: 'write',
    arrange: async (w) => {
      const i = await instanceOf(w, { backups: true });
      return { instanceId: i.id, confirm: i.label };
    },
  },
  'backups.schedule': {
    rule: 'write',
    arrange: async (w) => ({ instanceId: (await instanceOf(w, { backups: true })).id, day: 'Monday', window: 'W10' }),
  },
  'backups.snapshot': {
    rule: 'write',
    arrange: async (w) => ({ instanceId: (await instanceOf(w, { backups: true })).id, label: 'before upgrade' }),
  },
  'backups.restore': {
    rule: 'write',
    arrange: async (w) => {
      const { backup, instance } = await backupOf(w);
      return { backupId: backup.id, targetInstanceId: instance.id, confirm: instance.label };
    },
  },
  'backups.verify': { rule: 'write', arrange: async (w) => ({ backupId: (await backupOf(w)).backup.id }) },
  'backups.deploy': {
    rule: 'write',
    arrange: async (w) => ({
      backupId: (await backupOf(w)).backup.id,
      label: w.unique('restored'),
      teamId: w.teamA,
      plan: 'small',
    }),
  },
  'job.cancel': { rule: 'write', arrange: async (w) => ({ jobId: (await queuedJobOf(w)).id }) },
  'instance.delete': {
    rule: 'write',
    arrange: async (w) => {
      const i = await instanceOf(w, { backups: true });
      return { instanceId: i.id, confirm: i.label };
    },
  },
  'instance.assign': {
    rule: 'admin',
    arrange: async (w) => ({ instanceId: (await instanceOf(w)).id, teamId: w.teamB }),
  },
  'account.limits': {
    rule: 'admin',
    arrange: async (w) => ({
      accountId: w.accountId,
      imageCeilingGiB: '6',
      imageLimit: '25',
      imagePricePerGbMonth: '0.1',
    }),
  },
  'user.create': {
    rule: 'admin',
    arrange: async (w) => ({
      email: `${w.unique('new')}@matrix.test`,
      name: 'New Person',
      teamId: w.teamA,
      role: 'member',
    }),
  },
  'user.disable': { rule: 'admin', arrange: async (w) => ({ userId: (await userOf(w)).id }) },
  'user.enable': { rule: 'admin', arrange: async (w) => ({ userId: (await userOf(w, { disabled: true })).id }) },
  'user.role': { rule: 'admin', arrange: async (w) => ({ userId: (await userOf(w)).id, isAdmin: 'true' }) },
  'user.password-reset': { rule: 'admin', arrange: async (w) => ({ userId: (await userOf(w)).id }) },
  'team.create': { rule: 'admin', arrange: async (w) => ({ name: w.unique('Team') }) },
  'team.rename': { rule: 'admin', arrange: async (w) => ({ teamId: (await teamOf(w)).id, name: w.unique('Renamed') }) },
  'team.member-add': {
    rule: 'admin',
    arrange: async (w) => ({ teamId: (await teamOf(w)).id, email: (await userOf(w)).email, role: 'viewer' }),
  },
  'team.member-role': {
    rule: 'admin',
    arrange: async (w) => {
      const user = await userOf(w);
      return { teamId: (await teamOf(w, user)).id, userId: user.id, role: 'viewer' };
    },
  },
  'team.member-remove': {
    rule: 'admin',
    arrange: async (w) => {
      const user = await userOf(w);
      return { teamId: (await teamOf(w, user)).id, userId: user.id };
    },
  },
  'team.quota': {
    rule: 'admin',
    arrange: async (w) => ({ teamId: (await teamOf(w)).id, maxImages: '3', maxInstances: '' }),
  },
  'team.policy': { rule: 'admin', arrange: async (w) => ({ teamId: (await teamOf(w)).id, backupsRequired: 'on' }) },
  'account.create': {
    rule: 'admin',
    arrange: async (w) => ({ name: w.unique('Account'), kind: 'local', apiToken: 'matrix-token', apiBaseUrl: '' }),
  },
  'account.sync': {
    rule: 'admin',
    arrange: async (w) => {
      // Only queues the sync job: no call reaches the (unreachable) API here.
      const account = await w.db.providerAccount.create({
        data: {
          name: w.unique('Linode'),
          kind: 'linode',
          apiTokenEncrypted: encryptSecret('matrix-linode-token'),
          apiBaseUrl: 'http://127.0.0.1:9/v4',
        },
      });
      return { accountId: account.id };
    },
  },
  'instance.assign-tag': {
    rule: 'admin',
    arrange: async (w) => {
      const tag = w.unique('tag');
      await w.db.instance.update({
        where: { id: (await instanceOf(w)).id },
        data: { tags: { create: [{ tag: 'x' }, { tag }] } },
      });
      return { accountId: w.accountId, tag, teamId: w.teamB };
    },
  },
  'instance.tag-rule-remove': {
    rule: 'admin',
    arrange: async (w) => ({
      ruleId: (await w.db.tagRule.create({ data: { accountId: w.accountId, tag: w.unique('rule'), teamId: w.teamA } }))
        .id,
    }),
  },
  'account.token': {
    rule: 'admin',
    arrange: async (w) => ({ accountId: w.accountId, intent: 'set', apiToken: 'another-token' }),
  },
  // Each admin call points the store at a new folder, so the confirmation is needed (the world has backups there).
  'store.set': {
    rule: 'admin',
    arrange: async (w) => ({
      scope: 'backups:eu-central',
      url: path.join(os.tmpdir(), w.unique('matrix-store')),
      accessKeyId: '',
      secretAccessKey: '',
      keyChoice: 'generate',
      storeKey: '',
      confirmMove: 'on',
    }),
  },
  'store.reset': {
    rule: 'admin',
    arrange: async (w) => {
      await w.db.storeSetting.upsert({
        where: { scope: 'images' },
        create: { scope: 'images', url: path.join(os.tmpdir(), w.unique('matrix-images')) },
        update: {},
      });
      return { scope: 'images', confirmMove: 'on' };
    },
  },
  // A folder of its own, which the probe can write to.
  'store.test': {
    rule: 'admin',
    arrange: async (w) => {
      const url = path.join(os.tmpdir(), 'lifeboat-matrix-stores', w.unique('probe'));
      await w.db.storeSetting.upsert({
        where: { scope: 'backups:us-east' },
        create: { scope: 'backups:us-east', url },
        update: { url },
      });
      return { scope: 'backups:us-east' };
    },
  },
  // Recovery reads the world's stores (empty folders of this run): allowed, it reports and changes nothing.
  'store.check': { rule: 'admin', arrange: async () => ({ deep: 'on' }) },
  'store.rebuild': { rule: 'admin', arrange: async () => ({ confirm: 'rebuild' }) },
  'metrics.token-rotate': { rule: 'admin', arrange: async () => ({}) },
  // A token to remove, each time.
  'metrics.token-clear': {
    rule: 'admin',
    arrange: async (w) => {
      const data = { tokenHash: '0'.repeat(64), hint: 'lbm_matr…' };
      await w.db.metricsToken.upsert({ where: { id: 'metrics' }, create: { id: 'metrics', ...data }, update: data });
      return {};
    },
  },
  // Each caller changes their own password, from the one the world gave them.
  'token.create': {
    rule: 'self',
    arrange: async (w) => ({ name: w.unique('token'), scope: 'write', expires: '30' }),
  },
  // Each caller revokes a token of their own (the anonymous caller, a member's).
  'token.revoke': {
    rule: 'self',
    arrange: async (w, role) => {
      const secret = await tokenFor(w.db, w.users[role === 'anonymous' ? 'member' : role].id);
      return { tokenId: (await w.db.apiToken.findUniqueOrThrow({ where: { secretHash: hashSecret(secret) } })).id };
    },
  },
  'user.password-change': {
    rule: 'self',
    arrange: async (w, role) => {
      if (role !== 'anonymous')
        await w.db.user.update({ where: { id: w.users[role].id }, data: { passwordHash: w.passwordHash } });
      return { current: PASSWORD, next: 'a fresh matrix passphrase', confirm: 'a fresh matrix passphrase' };
    },
  },
  // Room under the team's 20 destinations, which the other cases fill.
  'alert.webhook-create': {
    rule: 'write',
    arrange: async (w) => {
      await w.db.alertDestination.deleteMany({ where: { teamId: w.teamA } });
      return {
        teamId: w.teamA,
        name: w.unique('Hook'),
        url: 'https://hooks.example.com/lifeboat',
        events: ['backup.failed', 'backup.overdue'],
      };
    },
  },
  'alert.events': {
    rule: 'write',
    arrange: async (w) => ({ destinationId: (await destinationOf(w)).id, events: ['verify.damaged'] }),
  },
  'alert.enable': {
    rule: 'write',
    arrange: async (w) => ({ destinationId: (await destinationOf(w)).id, enabled: 'false' }),
  },
  'alert.delete': { rule: 'write', arrange: async (w) => ({ destinationId: (await destinationOf(w)).id }) },
  // Only queues the delivery's job: no worker runs in the matrix.
  'alert.test': { rule: 'write', arrange: async (w) => ({ destinationId: (await destinationOf(w)).id }) },
  'alert.settings': { rule: 'admin', arrange: async () => ({ allowPrivateTargets: 'on' }) },
  'alert.email-create': {
    rule: 'write',
    arrange: async (w) => {
      await w.db.alertDestination.deleteMany({ where: { teamId: w.teamA } });
      return { teamId: w.teamA, name: w.unique('Mail'), email: 'oncall@example.com', events: ['backup.failed'] };
    },
  },
  'alert.smtp': {
    rule: 'admin',
    arrange: async () => ({
      host: 'smtp.example.com',
      port: '587',
      security: 'starttls',
      user: 'lifeboat',
      password: 'matrix smtp password',
      from: 'lifeboat@example.com',
    }),
  },
};
