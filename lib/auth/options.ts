import type { NextAuthOptions } from 'next-auth';
import { encode } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/lib/db/client';
import { signIn } from './signin';
import { returnPath } from '@/lib/http/return-path';
import { secureCookies } from './cookies';
import { addressFrom } from './request';
import { SESSION_MAX_AGE_S, sessionEndsAt, sessionSecondsLeft, sessionValid } from './session-age';

export const authOptions: NextAuthOptions = {
  // 12 hours from sign-in, not from the last request (./session-age.ts). next-auth re-issues the
  // token on every session read with a fresh maxAge; its own expiry is cut to what is left.
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  jwt: { encode: (params) => encode({ ...params, maxAge: sessionSecondsLeft(params.token ?? {}, Date.now()) }) },
  pages: { signIn: '/signin' },
  // Session cookies are HTTP-only (no script can read them), SameSite=Lax (not sent on
  // cross-site posts) and Secure unless LIFEBOAT_INSECURE_COOKIES=1 (see ./cookies.ts);
  // next-auth sets the first two itself, this decides the third and the __Secure- names.
  useSecureCookies: secureCookies(),
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      // A throttled attempt throws: next-auth hands its message to the form as the error.
      authorize: (credentials, req) =>
        signIn(db(), credentials, addressFrom((req?.headers ?? {}) as Record<string, string>)),
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after signing in or out: a page of this app only, by
    // the same rule as the sign-in page (lib/http/return-path.ts).
    redirect({ url, baseUrl }) {
      return new URL(returnPath(url, baseUrl), baseUrl).href;
    },
    // Only the user id, their session version and the sign-in time ride in the token; roles and
    // teams are read fresh on every request so a change by an admin applies at once, and a
    // password change, reset or disable (which bump the version) ends every older session. The
    // sign-in time is set once, when `user` is present (a sign-in), and never refreshed.
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    // A session past its 12 hours names no one; one that is valid says when it really ends.
    session({ session, token }) {
      if (!sessionValid(token, Date.now())) return { expires: new Date(0).toISOString() };
      if (session.user && token.sub)
        Object.assign(session.user, { id: token.sub, sv: token.sv ?? 0, signedInAt: token.signedInAt });
      return { ...session, expires: new Date(sessionEndsAt(token)! * 1000).toISOString() };
    },
  },
};
