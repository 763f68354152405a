import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { secureCookies } from '@/lib/auth/cookies';
import { sessionValid } from '@/lib/auth/session-age';
import { returnPath } from '@/lib/http/return-path';
import { contentSecurityPolicy, newNonce } from '@/lib/http/security';

// Runs before every page. Two jobs:
// 1. A first gate: no session token (or one past its 12 hours from sign-in), straight to sign-in
//    with the way back. It only saves a round trip; every page and data read checks the session
//    again itself.
// 2. Headers: a Content-Security-Policy with a fresh nonce (on the response for the browser,
//    and on the request so Next puts the nonce on its own scripts while rendering; pages are
//    rendered per request, so each gets its own).
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname !== '/signin' && !(await signedIn(request))) {
    const url = new URL('/signin', request.url);
    // A path such as "//host" is a path here but another host once it is a link: the rule decides.
    url.searchParams.set('callbackUrl', returnPath(`${pathname}${search}`, request.nextUrl.origin));
    return NextResponse.redirect(url);
  }
  const csp = contentSecurityPolicy(newNonce(), process.env.NODE_ENV === 'development');
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

async function signedIn(request: NextRequest): Promise<boolean> {
  const token = await getToken({ req: request, secureCookie: secureCookies() });
  return token !== null && sessionValid(token, Date.now());
}

// Not the API (its routes check the session and answer JSON under next.config.js's own policy),
// nor /metrics (Prometheus presents a token of its own there, app/metrics/route.ts), nor Next's static files, nor the app's icons and manifest in public/ (a browser fetches them
// for the sign-in page too, and without cookies for the manifest).
export const config = {
  matcher: [
    '/((?!api/|metrics$|_next/|favicon\\.ico$|icon\\.svg$|icon-\\d+\\.png$|apple-touch-icon\\.png$|manifest\\.webmanifest$).*)',
  ],
};
