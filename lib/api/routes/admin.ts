import 'server-only';
import { z } from 'zod';
import {
  addMemberAction,
  createTeamAction,
  removeMemberAction,
  setMemberRoleAction,
  setPolicyAction,
  setQuotaAction,
} from '@/lib/actions/teams';
import { createUserAction, disableUserAction, enableUserAction } from '@/lib/actions/users';
import { readTeam, readTeams, readUsers } from '@/lib/data/admin';
import {
  addMemberInput,
  createTeamInput,
  createUserInput,
  memberRoleInput,
  removeMemberInput,
  teamPolicyInput,
  teamQuotaInput,
  userInput,
} from '@/lib/schemas/admin';
import { actionMessage, message, noInput, route, runAction } from '../define';
import { teamDetail, teamRow, userView } from '../views';

// The admin console over the API: administrators only (a token limited to teams never is one).

const teamId = z.object({ teamId: z.string().min(1) });

export const adminRoutes = [
  route({
    method: 'GET',
    path: '/admin/users',
    operationId: 'listUsers',
    tag: 'Administration',
    summary: 'Every user with their teams',
    admin: true,
    input: noInput,
    output: z.object({ users: z.array(userView) }),
    run: async () => ({ users: await readUsers() }),
  }),
  route({
    method: 'POST',
    path: '/admin/users',
    operationId: 'createUser',
    tag: 'Administration',
    summary: 'Create a user with a one-time password',
    description: 'The one-time password is in this answer only; the user must change it at first sign-in.',
    admin: true,
    input: createUserInput,
    output: z.object({ message: z.string(), email: z.string(), password: z.string() }),
    run: async (input) => {
      const state = await runAction(createUserAction, input);
      return { message: state.message, ...(state.data as { email: string; password: string }) };
    },
  }),
  route({
    method: 'POST',
    path: '/admin/users/{userId}/disable',
    operationId: 'disableUser',
    tag: 'Administration',
    summary: 'Disable a user: their sessions and tokens stop working at once',
    admin: true,
    input: userInput,
    output: message,
    run: (input) => actionMessage(disableUserAction, input),
  }),
  route({
    method: 'POST',
    path: '/admin/users/{userId}/enable',
    operationId: 'enableUser',
    tag: 'Administration',
    summary: 'Enable a disabled user',
    admin: true,
    input: userInput,
    output: message,
    run: (input) => actionMessage(enableUserAction, input),
  }),
  route({
    method: 'GET',
    path: '/admin/teams',
    operationId: 'listTeams',
    tag: 'Administration',
    summary: 'Every team with its counts and quotas',
    admin: true,
    input: noInput,
    output: z.object({ teams: z.array(teamRow) }),
    run: async () => ({ teams: await readTeams() }),
  }),
  route({
    method: 'POST',
    path: '/admin/teams',
    operationId: 'createTeam',
    tag: 'Administration',
    summary: 'Create a team',
    admin: true,
    input: createTeamInput,
    output: z.object({ message: z.string(), teamId: z.string() }),
    run: async (input) => {
      const state = await runAction(createTeamAction, input);
      return { message: state.message, ...(state.data as { teamId: string }) };
    },
  }),
  route({
    method: 'GET',
    path: '/admin/teams/{teamId}',
    operationId: 'getTeam',
    tag: 'Administration',
    summary: 'A team with its members, quotas against usage and backups policy',
    admin: true,
    input: teamId,
    output: teamDetail,
    run: ({ teamId }) => readTeam(teamId),
  }),
  route({
    method: 'PUT',
    path: '/admin/teams/{teamId}/quota',
    operationId: 'setTeamQuota',
    tag: 'Administration',
    summary: "Set a team's image and instance quotas",
    description: 'null (or an empty string) is no team limit; a field left out keeps its value.',
    admin: true,
    input: teamQuotaInput,
    output: message,
    run: (input) => actionMessage(setQuotaAction, input),
  }),
  route({
    method: 'PUT',
    path: '/admin/teams/{teamId}/policy',
    operationId: 'setTeamPolicy',
    tag: 'Administration',
    summary: 'Require backups on every instance of a team, or not',
    admin: true,
    input: teamPolicyInput,
    output: message,
    run: (input) => actionMessage(setPolicyAction, input),
  }),
  route({
    method: 'POST',
    path: '/admin/teams/{teamId}/members',
    operationId: 'addTeamMember',
    tag: 'Administration',
    summary: 'Add a user to a team as member or viewer',
    admin: true,
    input: addMemberInput,
    output: message,
    run: (input) => actionMessage(addMemberAction, input),
  }),
  route({
    method: 'PUT',
    path: '/admin/teams/{teamId}/members/{userId}',
    operationId: 'setTeamMemberRole',
    tag: 'Administration',
    summary: "Change a member's role in a team",
    admin: true,
    input: memberRoleInput,
    output: message,
    run: (input) => actionMessage(setMemberRoleAction, input),
  }),
  route({
    method: 'DELETE',
    path: '/admin/teams/{teamId}/members/{userId}',
    operationId: 'removeTeamMember',
    tag: 'Administration',
    summary: 'Remove a user from a team',
    admin: true,
    input: removeMemberInput,
    output: message,
    run: (input) => actionMessage(removeMemberAction, input),
  }),
];
