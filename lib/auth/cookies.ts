// Session cookies are Secure (sent over HTTPS only, and named __Secure-…) unless
// LIFEBOAT_INSECURE_COOKIES=1. Browsers treat http://localhost and http://127.0.0.1 as secure,
// so local use works as is; the switch is for plain http on another address (a LAN IP, a
// test host), where a browser would drop a Secure cookie and sign-in would loop. Read by
// next-auth's options and by proxy.ts, which must look for the same cookie name.
export function secureCookies(): boolean {
  return process.env.LIFEBOAT_INSECURE_COOKIES !== '1';
}
