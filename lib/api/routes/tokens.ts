import 'server-only';
import { z } from 'zod';
import { revokeApiTokenAction } from '@/lib/actions/api-tokens';
import { readOwnTokens } from '@/lib/data/api-tokens';
import { readMe } from '@/lib/data/me';
import { revokeApiTokenInput } from '@/lib/schemas/api-tokens';
import { actionMessage, message, noInput, route } from '../define';
import { me, tokenView } from '../views';

// Tokens are made in Settings, signed in (a token cannot make another); a script may list its
// user's tokens and revoke one, its own included.

export const tokenRoutes = [
  route({
    method: 'GET',
    path: '/me',
    operationId: 'getMe',
    tag: 'Tokens',
    summary: "The token's user and the teams it may act in, with the role in each",
    input: noInput,
    output: me,
    run: () => readMe(),
  }),
  route({
    method: 'GET',
    path: '/tokens',
    operationId: 'listTokens',
    tag: 'Tokens',
    summary: "The calling user's personal access tokens (never their secrets)",
    input: noInput,
    output: z.object({ tokens: z.array(tokenView) }),
    run: async () => ({ tokens: await readOwnTokens() }),
  }),
  route({
    method: 'DELETE',
    path: '/tokens/{tokenId}',
    operationId: 'revokeToken',
    tag: 'Tokens',
    summary: 'Revoke a token',
    input: revokeApiTokenInput,
    output: message,
    run: (input) => actionMessage(revokeApiTokenAction, input),
  }),
];
