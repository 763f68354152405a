import { describe, expect, it } from 'vitest';
import { withoutReissuedSession } from './session-cookie';

const answer = (...cookies: string[]) => {
  const headers = new Headers({ 'content-type': 'application/json' });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response('{"user":{}}', { status: 200, headers });
};

describe('withoutReissuedSession', () => {
  it('drops a re-issued session cookie, whole or in chunks, and keeps the rest of the answer', async () => {
    const response = withoutReissuedSession(
      answer(
        '__Secure-next-auth.session-token=eyJ.a.b; Path=/; Expires=Wed, 02 Dec 2026 08:00:00 GMT; HttpOnly; Secure; SameSite=Lax',
        'next-auth.session-token.0=part; Path=/; HttpOnly; SameSite=Lax',
        '__Host-next-auth.csrf-token=abc; Path=/; HttpOnly; Secure; SameSite=Lax',
      ),
    );
    expect(response.headers.getSetCookie()).toEqual([
      '__Host-next-auth.csrf-token=abc; Path=/; HttpOnly; Secure; SameSite=Lax',
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"user":{}}');
  });

  it('lets a cookie that clears the session through', () => {
    const clear = '__Secure-next-auth.session-token=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax';
    expect(withoutReissuedSession(answer(clear)).headers.getSetCookie()).toEqual([clear]);
  });
});
