import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { refuseJsonBody } from '@/lib/http/request-guard.mjs';

const handler = NextAuth(authOptions);

// next-auth parses a JSON body without catching, so one that does not parse would be a 500.
async function POST(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const refused = refuseJsonBody(await request.clone().text(), request.headers.get('content-type'));
  if (refused) return new NextResponse(`${refused.message}\n`, { status: refused.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return handler(request, context);
}

export { handler as GET, POST };
