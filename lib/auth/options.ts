import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/lib/db/client';
import { signIn } from '@/lib/services/signin';
import { returnPath } from '@/lib/http/return-path';
import { secureCookies } from './cookies';
import { addressFrom } from './request';

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
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
      authorize: (credentials, req) => signIn(db(), credentials, addressFrom((req?.headers ?? {}) as Record<string, string>)),
    }),
  ],
  callbacks: {
    // Where next-auth sends the browser after signing in or out: a page of this app only, by
    // the same rule as the sign-in page (lib/http/return-path.ts).
    redirect({ url, baseUrl }) {
      return new URL(returnPath(url, baseUrl), baseUrl).href;
    },
    // Only the user id and their session version ride in the token; roles and teams are read
    // fresh on every request so a change by an admin applies at once, and a password change,
    // reset or disable (which bump the version) ends every older session.
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) Object.assign(session.user, { id: token.sub, sv: token.sv ?? 0 });
      return session;
    },
  },
};
