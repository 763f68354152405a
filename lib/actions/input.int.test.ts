import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { actionNames } from '@/lib/actions/safe-action';
import { initialState, type ActionState } from '@/lib/actions/state';
import { ILL_FORMED_MESSAGE, isWellFormedText } from '@/lib/schemas/text';
import { signIn } from '@/lib/auth/signin';
import { PROVIDERS, type TestDatabase } from '@/tests/databases';
import { ACTION_CASES } from '@/tests/permissions/action-cases';
import { createWorld, imageOf, instanceOf, snapshot, teamOf, type World } from '@/tests/permissions/world';
import { closeAppDatabase, openAppDatabase } from '@/tests/app-database';
import { signInAs } from '@/tests/session';

// What comes in: every text field of every server action refuses ill-formed text, numbers are
// plain decimals, and an update that leaves a field out keeps it. Called as an admin (allowed
// everything) against a real database, with the permission matrix's inputs as the good case.

vi.mock('next-auth', async (original) => (await import('@/tests/next-request')).nextAuth(await original()));
vi.mock('next/headers', async () => (await import('@/tests/next-request')).nextHeaders('192.0.2.8'));
vi.mock('next/cache', async () => (await import('@/tests/next-request')).nextCache);

type Action = (prev: ActionState, input: Record<string, unknown> | FormData) => Promise<ActionState>;
const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts'], { eager: true });
const actions = new Map<string, Action>();
for (const [file, mod] of Object.entries(modules)) {
  if (!/^\s*['"]use server['"]/.test(fs.readFileSync(path.resolve(import.meta.dirname, file), 'utf8'))) continue;
  for (const fn of Object.values(mod))
    if (actionNames.has(fn as never)) actions.set(actionNames.get(fn as never)!, fn as Action);
}

/** Every way to put ill-formed text into a field that holds `value`. */
const broken = (value: string) => [
  `${value}\ud800`,
  `\udfff${value}`,
  `${value.slice(0, 1)}\ud83d${value.slice(1)}`,
  `${value}\u0000`,
];

describe.each(PROVIDERS)('action input on %s', (provider) => {
  let t: TestDatabase;
  let w: World;
  const call = (name: string, input: Record<string, unknown> | FormData) => actions.get(name)!(initialState, input);

  beforeAll(async () => {
    t = await openAppDatabase(provider);
    w = await createWorld(t.db);
    signInAs(w.users.admin.id);
  });
  afterAll(async () => {
    await closeAppDatabase(t);
  });

  // Actions that take no input at all (the form is a button): nothing to refuse.
  const NO_INPUT = ['metrics.token-rotate', 'metrics.token-clear'];
  const textFields = Object.keys(ACTION_CASES).filter((name) => !NO_INPUT.includes(name));
  it.each(textFields)(
    '%s refuses a lone surrogate or NUL in each of its fields, names the field and changes nothing',
    async (name) => {
      const good = await ACTION_CASES[name].arrange(w, 'admin');
      const fields = Object.entries(good).filter(([, v]) => typeof v === 'string' || Array.isArray(v));
      expect(fields.length, `${name} has text fields`).toBeGreaterThan(0);
      for (const [field, value] of fields) {
        for (const bad of broken(Array.isArray(value) ? String(value[0]) : String(value))) {
          const before = await snapshot(t.db);
          const input = { ...good, [field]: Array.isArray(value) ? [bad, ...value.slice(1)] : bad };
          const state = await call(name, input);
          expect(state, `${name}.${field} = ${JSON.stringify(bad)}`).toMatchObject({
            ok: false,
            message: 'Check the highlighted fields.',
            errors: { [field]: [ILL_FORMED_MESSAGE] },
          });
          expect(await snapshot(t.db)).toBe(before);
        }
      }
      // FormData cannot carry a lone surrogate (its values are USVStrings: one becomes U+FFFD), so
      // the way in is a fetch action's JSON body, which decodes to the plain object used above.
      expect(
        new FormData().get.call(
          (() => {
            const f = new FormData();
            f.set('x', 'a\ud800');
            return f;
          })(),
          'x',
        ),
      ).toBe('a\ufffd');
    },
  );

  it('refuses control characters in one-line labels and names the field', async () => {
    const team = await teamOf(w);
    const before = await snapshot(t.db);
    for (const [name, input, field] of [
      ['account.create', { name: 'Line\nbreak', kind: 'local' }, 'name'],
      ['account.create', { name: 'tab\there', kind: 'local' }, 'name'],
      ['account.create', { name: 'rtl \u202e override', kind: 'local' }, 'name'],
      ['user.create', { email: 'ctl@matrix.test', name: 'Bell\u0007', isAdmin: 'false' }, 'name'],
      ['instance.assign-tag', { accountId: w.accountId, tag: 'web\u2028prod', teamId: team.id }, 'tag'],
    ] as const) {
      const state = await call(name, input);
      expect(state.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
      expect(state.errors?.[field]?.join(' ')).toMatch(/printable characters/);
    }
    expect(await snapshot(t.db)).toBe(before);
  });

  it('reads numbers only as plain decimals: hex, exponents, padding, signs and empty are refused by name', async () => {
    const team = await teamOf(w);
    const account = await t.db.providerAccount.findUniqueOrThrow({ where: { id: w.accountId } });
    const before = await snapshot(t.db);
    for (const bad of [
      '0x10',
      '1e3',
      '  7 ',
      ' 7',
      '7 ',
      '+7',
      '7.0',
      '',
      ' ',
      '0b1',
      '0o7',
      'Infinity',
      'NaN',
      '7,5',
      '1_000',
      '٧',
      '７',
    ]) {
      // A quota sent blank means "no limit"; every other odd value is refused.
      if (bad.trim() !== '') {
        const quota = await call('team.quota', { teamId: team.id, maxImages: bad, maxInstances: '3' });
        expect(quota.errors?.maxImages, `quota ${JSON.stringify(bad)}`).toEqual([
          'Enter a whole number, or leave blank for no limit.',
        ]);
      }
      const limit = await call('account.limits', { accountId: w.accountId, imageLimit: bad });
      expect(limit.errors?.imageLimit, `limit ${JSON.stringify(bad)}`).toEqual(['Enter a whole number, like 25.']);
      if (bad !== '7.0') {
        const ceiling = await call('account.limits', { accountId: w.accountId, imageCeilingGiB: bad });
        expect(ceiling.errors?.imageCeilingGiB, `ceiling ${JSON.stringify(bad)}`).toEqual([
          'Enter a number of GiB, like 6 or 0.5.',
        ]);
        const price = await call('account.limits', { accountId: w.accountId, imagePricePerGbMonth: bad });
        expect(price.errors?.imagePricePerGbMonth, `price ${JSON.stringify(bad)}`).toEqual([
          'Enter a price in dollars, like 0.05.',
        ]);
      }
    }
    expect(await snapshot(t.db)).toBe(before);
    // Plain decimals still work, and say which bound they break.
    expect(await call('account.limits', { accountId: w.accountId, imageLimit: '-1' })).toMatchObject({
      errors: { imageLimit: ['The limit cannot be negative.'] },
    });
    expect(
      await call('account.limits', {
        accountId: w.accountId,
        imageCeilingGiB: '7.5',
        imageLimit: '30',
        imagePricePerGbMonth: '.05',
      }),
    ).toMatchObject({ ok: true });
    expect(await t.db.providerAccount.findUniqueOrThrow({ where: { id: w.accountId } })).toMatchObject({
      imageCeilingBytes: BigInt(7.5 * 2 ** 30),
      imageLimit: 30,
      imagePricePerGbMonth: 0.05,
    });
    await t.db.providerAccount.update({
      where: { id: w.accountId },
      data: {
        imageCeilingBytes: account.imageCeilingBytes,
        imageLimit: account.imageLimit,
        imagePricePerGbMonth: account.imagePricePerGbMonth,
      },
    });
  });

  it('keeps what an image update leaves out, and clears a description sent empty', async () => {
    const image = await imageOf(w);
    await t.db.image.update({ where: { id: image.id }, data: { description: 'Nightly build of web-1' } });
    expect(await call('image.update', { imageId: image.id, label: 'renamed only' })).toMatchObject({ ok: true });
    expect(await t.db.image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({
      label: 'renamed only',
      description: 'Nightly build of web-1',
    });
    const form = new FormData();
    form.set('imageId', image.id);
    form.set('description', 'New words\nwith a second line');
    expect(await call('image.update', form)).toMatchObject({ ok: true });
    expect(await t.db.image.findUniqueOrThrow({ where: { id: image.id } })).toMatchObject({
      label: 'renamed only',
      description: 'New words\nwith a second line',
    });
    expect(await call('image.update', { imageId: image.id, label: 'renamed only', description: '' })).toMatchObject({
      ok: true,
    });
    expect((await t.db.image.findUniqueOrThrow({ where: { id: image.id } })).description).toBe('');
  });

  it('keeps quotas, account limits and schedule halves an update leaves out', async () => {
    const team = await teamOf(w);
    expect(await call('team.quota', { teamId: team.id, maxImages: '5', maxInstances: '7' })).toMatchObject({
      ok: true,
    });
    expect(await call('team.quota', { teamId: team.id, maxInstances: '9' })).toMatchObject({ ok: true });
    expect(await t.db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({
      maxImages: 5,
      maxInstances: 9,
    });
    // Sent blank: no limit.
    expect(await call('team.quota', { teamId: team.id, maxImages: '' })).toMatchObject({ ok: true });
    expect(await t.db.team.findUniqueOrThrow({ where: { id: team.id } })).toMatchObject({
      maxImages: null,
      maxInstances: 9,
    });

    const account = await t.db.providerAccount.findUniqueOrThrow({ where: { id: w.accountId } });
    expect(await call('account.limits', { accountId: w.accountId, imageLimit: '12' })).toMatchObject({ ok: true });
    expect(await t.db.providerAccount.findUniqueOrThrow({ where: { id: w.accountId } })).toMatchObject({
      imageLimit: 12,
      imageCeilingBytes: account.imageCeilingBytes,
      imagePricePerGbMonth: account.imagePricePerGbMonth,
    });
    await t.db.providerAccount.update({ where: { id: w.accountId }, data: { imageLimit: account.imageLimit } });

    // Making someone an admin or not names which; left out, it is refused rather than read as "not an admin".
    const admin = await t.db.user.create({
      data: { email: 'second-admin@matrix.test', name: 'Second', passwordHash: 'x', isAdmin: true },
    });
    expect(await call('user.role', { userId: admin.id })).toMatchObject({
      ok: false,
      errors: { isAdmin: ['Say whether the user is an administrator.'] },
    });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).isAdmin).toBe(true);

    const instance = await instanceOf(w, { backups: true });
    expect(await call('backups.schedule', { instanceId: instance.id, day: 'Monday', window: 'W10' })).toMatchObject({
      ok: true,
    });
    expect(await call('backups.schedule', { instanceId: instance.id, window: 'W2' })).toMatchObject({ ok: true });
    expect(await t.db.instance.findUniqueOrThrow({ where: { id: instance.id } })).toMatchObject({
      backupDay: 'Monday',
      backupWindow: 'W2',
    });
  });

  it('refuses a sign-in with ill-formed text, and logs the address it tried as well-formed text', async () => {
    const email = 'admin@matrix.test';
    for (const [i, raw] of [
      { email: `${email}\ud800`, password: 'matrix original passphrase' },
      { email, password: 'matrix original passphrase\udc00' },
      { email: `\ud83d${email}\u0000`, password: 'x' },
    ].entries()) {
      expect(await signIn(t.db, raw, `10.88.0.${i}`)).toBeNull();
    }
    const logged = await t.db.auditEntry.findMany({ where: { action: 'auth.signin', ip: { startsWith: '10.88.0.' } } });
    expect(logged).toHaveLength(3);
    for (const entry of logged)
      expect(isWellFormedText(entry.targetLabel) && isWellFormedText(entry.actorEmail)).toBe(true);
    expect(await signIn(t.db, { email, password: 'matrix original passphrase' }, '10.88.1.1')).not.toBeNull();
  });
});
