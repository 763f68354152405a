// next-auth's own endpoints, called as next-auth/react's signIn and signOut call them (a CSRF
// token, then a form POST asking for JSON), without that module: it is some 35 KB of browser
// JavaScript, and the sign-in form and the shell's sign-out button are all we use of it.
const AUTH = '/api/auth';

async function post(action: string, fields: Record<string, string>): Promise<{ res: Response; url: string | null }> {
  const { csrfToken } = (await (await fetch(`${AUTH}/csrf`)).json()) as { csrfToken: string };
  const res = await fetch(`${AUTH}/${action}`, {
    method: 'post',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrfToken, json: 'true' }),
  });
  const data = (await res.json()) as { url?: string };
  return { res, url: data.url ?? null };
}

/** Signs in with the credentials provider, staying on the page: the error next-auth names, if any. */
export async function signInWithPassword(
  email: string,
  password: string,
): Promise<{ ok: boolean; error: string | null }> {
  const { res, url } = await post('callback/credentials', { email, password, callbackUrl: window.location.href });
  const error = url ? new URL(url, window.location.href).searchParams.get('error') : null;
  return { ok: res.ok, error };
}

/** Ends the session and loads `callbackUrl` (or where next-auth sends us). */
export async function signOutTo(callbackUrl: string): Promise<void> {
  const { url } = await post('signout', { callbackUrl });
  const next = url ?? callbackUrl;
  window.location.href = next;
  if (next.includes('#')) window.location.reload();
}
