import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { withoutReissuedSession } from '@/lib/auth/session-cookie';
import { refuseJsonBody } from '@/lib/http/request-guard.mjs';

const nextAuth = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

// Session reads keep the cookie from sign-in, which expires when the session does.
async function GET(request: NextRequest, context: Context) {
  const response: Response = await nextAuth(request, context);
  return (await context.params).nextauth?.[0] === 'session' ? withoutReissuedSession(response) : response;
}

// next-auth parses a JSON body without catching, so one that does not parse would be a 500.
async function POST(request: NextRequest, context: Context) {
  const refused = refuseJsonBody(await request.clone().text(), request.headers.get('content-type'));
  if (refused)
    return new NextResponse(`${refused.message}\n`, {
      status: refused.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return GET(request, context);
}

export { GET, POST };
