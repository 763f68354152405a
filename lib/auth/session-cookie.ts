// next-auth's session endpoint answers every read with the session cookie re-issued to expire
// 12 hours from now. The token inside keeps its end (options.ts), but the cookie would outlive it;
// the one set at sign-in already expires when the session does, and nothing in the token changes
// after sign-in, so the re-issued copy is dropped. A cookie that clears the session (empty value)
// still goes through.

const REISSUED_SESSION = /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]/;

export function withoutReissuedSession(response: Response): Response {
  const cookies = response.headers.getSetCookie();
  const kept = cookies.filter((cookie) => !REISSUED_SESSION.test(cookie));
  if (kept.length === cookies.length) return response;
  const headers = new Headers(response.headers);
  headers.delete('set-cookie');
  for (const cookie of kept) headers.append('set-cookie', cookie);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
