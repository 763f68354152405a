import { db } from '@/lib/db/client';
import { metricsText } from '@/lib/metrics/exposition';
import { scrapeAllowed } from '@/lib/metrics/scrape-token';
import { bearerToken } from '@/lib/metrics/token';

// Prometheus' scrape target. No session: the scraper presents the token an admin made on the
// Metrics page (or LIFEBOAT_METRICS_TOKEN) as a bearer token; anything else is a 401 that
// names the scheme, and nothing about the installation.
export const dynamic = 'force-dynamic';

// As RFC 6750 words it: the scheme and realm, and for a token that was sent but is not valid, why.
const unauthorized = (message: string, invalid: boolean) =>
  new Response(`${message}\n`, {
    status: 401,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'www-authenticate': `Bearer realm="lifeboat-metrics"${invalid ? ', error="invalid_token"' : ''}`,
      'cache-control': 'no-store',
    },
  });

export async function GET(request: Request) {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) return unauthorized('Unauthorized: send the metrics token as "Authorization: Bearer <token>".', false);
  try {
    if (!(await scrapeAllowed(db(), token, process.env)))
      return unauthorized('Unauthorized: that metrics token is not valid.', true);
    const { text, contentType } = await metricsText(db());
    return new Response(text, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  } catch (error) {
    // Prometheus records the target as down; the reason goes to the server's log, not to the scraper.
    console.error('[metrics] the figures could not be read:', error);
    return new Response('The metrics could not be read from the database just now.\n', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
}
