import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { withoutReissuedSession } from '@/lib/auth/session-cookie';

const nextAuth = NextAuth(authOptions);

// Session reads keep the cookie from sign-in, which expires when the session does.
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const response: Response = await nextAuth(request, context);
  return (await context.params).nextauth?.[0] === 'session' ? withoutReissuedSession(response) : response;
}

export { handler as GET, handler as POST };
