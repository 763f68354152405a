// A signed-in client of the bench server: next-auth's credentials sign-in (CSRF token and its
// cookie, then the form post), the session cookie kept, and timed page loads.
export type Session = { origin: string; email: string; cookie: string };

function mergeCookies(jar: Map<string, string>, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export async function signIn(origin: string, email: string, password: string): Promise<Session> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  mergeCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/`, json: 'true' }),
  });
  mergeCookies(jar, res);
  await res.arrayBuffer();
  const session = { origin, email, cookie: header(jar) };
  const check = await fetch(`${origin}/api/auth/session`, { headers: { cookie: session.cookie } });
  const body = (await check.json()) as { user?: { email?: string } };
  if (body.user?.email !== email) throw new Error(`signing in as ${email} failed (HTTP ${res.status})`);
  return session;
}

export type Timed = { ms: number; bytes: number; status: number };

/** One GET, timed from the request to the last byte of the body (redirects are not followed). */
export async function timedGet(session: Session, path: string): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(`${session.origin}${path}`, { redirect: 'manual', headers: { cookie: session.cookie } });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - started, bytes: body.byteLength, status: res.status };
}
