// Headers every response carries; the pages' Content-Security-Policy needs a nonce per
// response, so proxy.ts sets that one. The API answers JSON only and /metrics plain text, so
// their policy allows nothing.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

// Native and driver packages stay outside the bundle: they load .node files or use dynamic requires.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    'better-sqlite3',
    'fs-ext',
    'pg',
    '@prisma/adapter-better-sqlite3',
    '@prisma/adapter-pg',
    'bcryptjs',
    // One copy per process, not one per route bundle: /metrics keeps this process's registry in it.
    'prom-client',
  ],
  poweredByHeader: false,
  // scripts/serve.mjs reads this too, and answers an oversized action with a 413 before Next does.
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
    // The stylesheet stays a separate, cached request (no experimental.inlineCss): inlined, Next
    // wrote it three times into every page (the <style> and twice in the RSC payload), 79 of a
    // list page's 164 KB; that cost each render about a fifth of its server CPU (24 -> 19.6 ms
    // a page under the web bench's load) and the browser two more parses of 26 KB.
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
      {
        source: '/metrics',
        headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
