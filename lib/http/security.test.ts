import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce } from './security';

describe('content security policy', () => {
  it('allows scripts only with the nonce, and forbids framing and plugins', () => {
    const csp = contentSecurityPolicy('abc');
    expect(csp).toBe(
      "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy('abc', true)).toContain("'strict-dynamic' 'unsafe-eval';");
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
