import { z } from 'zod';
import { labelText, wholeNumber } from './text';

// The admin console's forms: users, teams, memberships, quotas and policies. One schema per
// form, shared by the server action and the form's field names.

/** An empty form field means "not given". */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

// A checkbox posts "on" when ticked and nothing when not; hidden inputs post "true"/"false".
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

const email = z
  .string({ message: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter a valid email address, like name@example.com.'));

const userName = labelText('Enter a name.').min(1, 'Enter a name.').max(100, 'A name can have at most 100 characters.');

const teamName = z
  .string({ message: 'Enter a team name.' })
  .trim()
  .min(2, 'A team name needs at least 2 characters.')
  .max(50, 'A team name can have at most 50 characters.')
  .regex(/^[A-Za-z0-9 \-_.']+$/, "Use only letters, digits, spaces and - _ . '");

const TEAM_ROLES = ['member', 'viewer'] as const;
const teamRole = z.enum(TEAM_ROLES, { message: 'Choose member or viewer.' });

// Blank means no team limit; otherwise a whole number. Null reaches the database as "none".
// Left out of the request altogether (undefined), the quota keeps its value.
const quota = z
  .preprocess(
    (v) => (blank(v) === undefined ? null : v),
    wholeNumber({
      min: 0,
      max: 10_000,
      message: 'Enter a whole number, or leave blank for no limit.',
      minMessage: 'A quota cannot be negative.',
      maxMessage: 'A quota can be at most 10,000.',
    }).nullable(),
  )
  .optional();

const id = (what: string) => z.string({ message: `Choose a ${what}.` }).min(1, `Choose a ${what}.`);

export const createUserInput = z.object({
  email,
  name: userName,
  isAdmin: checkbox,
  // The first team is optional; the role only matters when a team is chosen.
  teamId: z.preprocess(blank, z.string().optional()),
  role: z.preprocess(blank, teamRole.default('member')),
});

export const userInput = z.object({ userId: id('user') });

// The form posts "true" or "false" from a hidden input: left out, nothing would say which, so it is refused (not read as "no").
export const setAdminInput = z.object({
  userId: id('user'),
  isAdmin: z.preprocess(
    (v) => (v === 'true' || v === 'on' ? true : v === 'false' ? false : v),
    z.boolean({ message: 'Say whether the user is an administrator.' }),
  ),
});

export const createTeamInput = z.object({ name: teamName });

export const renameTeamInput = z.object({ teamId: id('team'), name: teamName });

export const addMemberInput = z.object({ teamId: id('team'), email, role: teamRole });

export const memberRoleInput = z.object({ teamId: id('team'), userId: id('user'), role: teamRole });

export const removeMemberInput = z.object({ teamId: id('team'), userId: id('user') });

export const teamQuotaInput = z.object({ teamId: id('team'), maxImages: quota, maxInstances: quota });

export const teamPolicyInput = z.object({ teamId: id('team'), backupsRequired: checkbox });
