// The Content-Security-Policy of every page, set by proxy.ts. Static headers (nosniff, frame options, the API's
// policy) are in next.config.js.

/** 128 random bits, fresh for each response: a script runs only if it carries this value. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Scripts only from this origin and with this response's nonce ('strict-dynamic' lets those
 * load the chunks they need); Next puts the nonce on its own scripts when it finds it in the
 * request's policy. Inline styles stay allowed: React and Next set style attributes, which a
 * nonce cannot cover. Development adds 'unsafe-eval' for React's debugging aids.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
