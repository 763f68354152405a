import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

// A first gate before rendering: no session token, straight to sign-in with the way back.
// It only saves a round trip; every page and data read checks the session again itself.
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request });
  if (token) return NextResponse.next();
  const url = new URL('/signin', request.url);
  url.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ['/((?!api/|signin|_next/|favicon.ico).*)'],
};
