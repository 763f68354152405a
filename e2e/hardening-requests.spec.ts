import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { E2E_DATA_DIR } from '../playwright.config';
import { expect, test, USERS } from './fixtures';

// Requests no page sends, made over real HTTP against the production server (scripts/serve.mjs
// in front of Next): each gets a plain 4xx, and nothing in the server's log looks like a crash.

const SERVER_LOG = path.join(E2E_DATA_DIR, 'server.log');
const CRASH = /⨯|^\s+at |Error:|Invalid URL|Unhandled|digest:/m;

/** The id Next gave a server action in this build, by its exported name. */
function actionId(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.resolve('.next/server/server-reference-manifest.json'), 'utf8'));
  const found = Object.entries(manifest.node as Record<string, { exportedName?: string }>).find(
    ([, v]) => v.exportedName === name,
  );
  if (!found) throw new Error(`No server action named ${name} in the build.`);
  return found[0];
}

/** Whatever the server logged while `run` ran. */
async function logDuring(run: () => Promise<void>): Promise<string> {
  // The capture works (scripts/e2e-server.mjs copies the server's output there from the start).
  expect(fs.readFileSync(SERVER_LOG, 'utf8')).toContain('Lifeboat is running');
  const start = fs.statSync(SERVER_LOG).size;
  await run();
  await new Promise((r) => setTimeout(r, 300));
  return fs.readFileSync(SERVER_LOG, 'utf8').slice(start);
}

const actionPost = (
  request: APIRequestContext,
  baseURL: string,
  id: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) =>
  request.post('/images', {
    headers: { 'Next-Action': id, Origin: baseURL, 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
    data: typeof body === 'string' ? Buffer.from(body) : body,
  });

test('addresses with broken %-escapes are a 400, not a 500', async ({ request }) => {
  const log = await logDuring(async () => {
    for (const url of [
      '/instances/%E0%A4%A',
      '/%zz',
      '/images/%E0%A4%A',
      '/api/jobs/%zz',
      '/api/jobs/%E0%A4%A',
      '/_next/%zz',
    ]) {
      const response = await request.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(400);
      expect(await response.text()).toContain('invalid %-escape');
    }
  });
  expect(log).not.toMatch(CRASH);
});

test('a Host or X-Forwarded-Host no URL can hold is a 400', async ({ request }) => {
  const log = await logDuring(async () => {
    for (const headers of <Record<string, string>[]>[
      { 'X-Forwarded-Host': '%%' },
      { 'X-Forwarded-Host': 'ok.example, a/b' },
      { Host: 'a b' },
      { Host: '%zz' },
    ]) {
      for (const url of ['/signin', '/api/auth/session', '/images']) {
        const response = await request.get(url, { headers, maxRedirects: 0 });
        expect(response.status(), `${url} ${JSON.stringify(headers)}`).toBe(400);
      }
    }
  });
  expect(log).not.toMatch(CRASH);
});

test('API bodies: JSON that does not parse is a 400, and one declared over the limit a 413', async ({ request }) => {
  const log = await logDuring(async () => {
    for (const data of ['{bad', '', '[1,', '{"email":"a@b"']) {
      const response = await request.post('/api/auth/callback/credentials', {
        headers: { 'Content-Type': 'application/json' },
        data: Buffer.from(data),
      });
      expect(response.status(), JSON.stringify(data)).toBe(400);
    }
    const big = await request.post('/api/auth/callback/credentials', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: `email=${'a'.repeat(2 * 1024 * 1024)}`,
    });
    expect(big.status()).toBe(413);
  });
  expect(log).not.toMatch(CRASH);
});

test('overlong request headers are a 431', async ({ request }) => {
  const response = await request.get('/signin', { headers: { 'X-Padding': 'a'.repeat(20_000) } });
  expect(response.status()).toBe(431);
});

test.describe('server actions', () => {
  test.use({ storageState: USERS.admin.state });

  test('a known action still runs when its body is well formed', async ({ request, baseURL }) => {
    const response = await actionPost(request, baseURL!, actionId('updateImageAction'), '[{"ok":false},{}]');
    expect(response.status()).toBe(200);
    // Signed in (the cookie went with it) and refused by the action's own schema, as a form would be.
    expect(await response.text()).toContain('Check the highlighted fields.');
  });

  test('malformed action payloads are a 400, unknown actions a 400 or 409, and none is logged as a crash', async ({
    request,
    baseURL,
  }) => {
    const id = actionId('updateImageAction');
    const log = await logDuring(async () => {
      const expectStatus = async (
        what: string,
        response: Awaited<ReturnType<APIRequestContext['post']>>,
        status: number,
      ) => {
        expect(response.status(), what).toBe(status);
        expect(response.headers()['content-type'], what).toMatch(/^text\/plain/);
      };
      for (const body of ['garbage', '', '5', '{"a":1}', '["$Q99"]', '[{},"$1"]', '[', '\u0000\uffff']) {
        await expectStatus(`text body ${JSON.stringify(body)}`, await actionPost(request, baseURL!, id, body), 400);
      }
      const multipart = { 'Content-Type': 'multipart/form-data; boundary=xyz' };
      await expectStatus('broken multipart', await actionPost(request, baseURL!, id, 'garbage', multipart), 400);
      await expectStatus(
        'multipart without a boundary',
        await actionPost(request, baseURL!, id, 'garbage', { 'Content-Type': 'multipart/form-data' }),
        400,
      );
      const form = (parts: Record<string, string>) =>
        request.post('/images', { headers: { 'Next-Action': id, Origin: baseURL! }, multipart: parts });
      await expectStatus('multipart without its root', await form({ a: 'b' }), 400);
      await expectStatus('multipart with a root that is not JSON', await form({ '0': 'garbage' }), 400);
      await expectStatus('multipart pointing at a missing part', await form({ '0': '[{},"$1"]' }), 400);
      await expectStatus('an id in no known format', await actionPost(request, baseURL!, 'zzz', '[]'), 400);
      await expectStatus(
        'an id of no action in this build',
        await actionPost(request, baseURL!, `7f${'0'.repeat(40)}`, '[]'),
        409,
      );
      // Forms posted without JavaScript: multipart with no action, an unknown one, or not multipart at all.
      const noJs = (data: string | Record<string, string>, headers: Record<string, string> = {}) =>
        request.post('/images', {
          headers: { Origin: baseURL!, ...headers },
          ...(typeof data === 'string' ? { data } : { multipart: data }),
        });
      await expectStatus('a no-JavaScript form that does not parse', await noJs('garbage', multipart), 400);
      await expectStatus('a no-JavaScript form naming no action', await noJs({ label: 'x' }), 400);
      await expectStatus(
        'a no-JavaScript form naming an unknown action',
        await noJs({ [`$ACTION_ID_7f${'0'.repeat(40)}`]: '' }),
        409,
      );
      await expectStatus(
        'a no-JavaScript form with a broken bound action',
        await noJs({ $ACTION_REF_1: '', '$ACTION_1:0': 'garbage' }),
        400,
      );
    });
    expect(log).not.toMatch(CRASH);
  });

  test('an action body over the limit is a 413, declared or streamed', async ({ request, baseURL }) => {
    const id = actionId('updateImageAction');
    const big = 'a'.repeat(2 * 1024 * 1024);
    const log = await logDuring(async () => {
      const declared = await actionPost(request, baseURL!, id, big);
      expect(declared.status()).toBe(413);
      expect(await declared.text()).toContain('Payload too large');
      const noJs = await request.post('/images', {
        headers: { Origin: baseURL! },
        multipart: { [`$ACTION_ID_${id}`]: '', description: big },
      });
      expect(noJs.status()).toBe(413);
      // Chunked, with no Content-Length to refuse it by: cut off once past the limit.
      const streamed = await new Promise<number>((resolve, reject) => {
        const url = new URL('/images', baseURL);
        const req = http.request(
          url,
          {
            method: 'POST',
            headers: {
              'Next-Action': id,
              Origin: baseURL!,
              'Content-Type': 'text/plain',
              'Transfer-Encoding': 'chunked',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 32; i += 1) req.write('b'.repeat(64 * 1024));
        req.end();
      });
      expect(streamed).toBe(413);
    });
    expect(log).not.toMatch(CRASH);
  });

  test('an action posted from another origin is a 403 and changes nothing', async ({ request, baseURL, page }) => {
    const id = actionId('createTeamAction');
    const name = 'Forged team';
    const log = await logDuring(async () => {
      for (const origin of [
        'http://evil.example',
        'null',
        'garbage',
        `${baseURL}.evil.example`,
        'http://127.0.0.1:1',
      ]) {
        const fetchAction = await request.post('/admin/teams', {
          headers: { 'Next-Action': id, Origin: origin },
          multipart: { '0': '[{"ok":false},"$K1"]', '1_name': name },
        });
        expect(fetchAction.status(), origin).toBe(403);
        const noJs = await request.post('/admin/teams', {
          headers: { Origin: origin },
          multipart: { [`$ACTION_ID_${id}`]: '', name },
        });
        expect(noJs.status(), origin).toBe(403);
      }
    });
    expect(log).not.toMatch(CRASH);
    await page.goto('/admin/teams');
    await expect(page.getByRole('heading', { name: 'Teams', level: 1 })).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);
  });
});
