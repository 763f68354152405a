import { describe, expect, it } from 'vitest';
import {
  isApiWrite,
  isPossibleAction,
  refuseActionBody,
  refuseActionId,
  refuseJsonBody,
  refuseFormPost,
  refuseHost,
  refuseLength,
  refuseOrigin,
  refuseUrl,
} from './request-guard.mjs';

// The checks scripts/serve.mjs runs before Next; e2e/hardening-requests.spec.ts sends the same
// requests over HTTP to the production server.

const ID = `7f${'1'.repeat(40)}`;
const known = new Set([ID]);

async function multipart(parts: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(parts)) form.append(k, v);
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type')! };
}

describe('request paths', () => {
  it('refuses a broken %-escape anywhere in the path, not in the query', () => {
    for (const url of ['/%zz', '/instances/%E0%A4%A', '/api/jobs/%', '/a/%ED%A0%80', '/%C0%AF'])
      expect(refuseUrl(url)?.status, url).toBe(400);
    for (const url of ['/', '/instances/abc', '/images?q=%zz', '/a%20b', '/%E2%9C%93'])
      expect(refuseUrl(url), url).toBeNull();
  });
});

describe('hosts', () => {
  it('accept host names, addresses and ports, in Host and each X-Forwarded-Host', () => {
    for (const host of [
      '127.0.0.1:3120',
      'lifeboat.example',
      'localhost',
      'localhost.',
      '[::1]:3000',
      'my_host-1.internal:80',
    ])
      expect(refuseHost({ host }), host).toBeNull();
    expect(refuseHost({ host: 'internal', 'x-forwarded-host': 'a.example, b.example:8443' })).toBeNull();
    expect(refuseHost({ host: 'internal', 'x-forwarded-host': '' })).toBeNull();
  });

  it('refuse what no URL can hold', () => {
    for (const host of ['%zz', 'a b', 'evil/path', 'a@b', 'x:port', 'a\u0000b', '-a.example', 'a..b', '[zz]'])
      expect(refuseHost({ host })?.status, host).toBe(400);
    for (const forwarded of ['%%', 'ok.example, %zz', 'a/b'])
      expect(refuseHost({ host: 'internal', 'x-forwarded-host': forwarded })?.status, forwarded).toBe(400);
  });
});

describe('API writes', () => {
  it('are POST, PUT and PATCH under /api; a body that says it is JSON must parse', () => {
    expect(isApiWrite({ method: 'POST', url: '/api/auth/callback/credentials' })).toBe(true);
    expect(isApiWrite({ method: 'GET', url: '/api/jobs/1' })).toBe(false);
    expect(isApiWrite({ method: 'POST', url: '/images' })).toBe(false);
    // An upload's body is a disk image: its route caps it itself.
    expect(isApiWrite({ method: 'POST', url: '/api/images/upload?label=x' })).toBe(false);
    expect(isApiWrite({ method: 'POST', url: '/api/images/upload/../../jobs' })).toBe(true);
    expect(refuseJsonBody('{bad', 'application/json')?.status).toBe(400);
    expect(refuseJsonBody('', 'application/json; charset=utf-8')?.status).toBe(400);
    expect(refuseJsonBody('{"a":1}', 'application/json')).toBeNull();
    expect(refuseJsonBody('{bad', 'application/x-www-form-urlencoded')).toBeNull();
  });
});

describe('server-action posts', () => {
  it('are POSTs to pages naming an action or carrying a multipart form', () => {
    const req = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers });
    expect(isPossibleAction(req('POST', '/images', { 'next-action': ID }))).toBe(true);
    expect(isPossibleAction(req('POST', '/images', { 'content-type': 'multipart/form-data; boundary=x' }))).toBe(true);
    expect(isPossibleAction(req('GET', '/images', { 'next-action': ID }))).toBe(false);
    expect(
      isPossibleAction(req('POST', '/api/auth/callback/credentials', { 'content-type': 'multipart/form-data' })),
    ).toBe(false);
    expect(isPossibleAction(req('POST', '/images', { 'content-type': 'application/x-www-form-urlencoded' }))).toBe(
      false,
    );
  });

  it('come from this app only: Origin must name the host it was sent to', () => {
    const host = '127.0.0.1:3000';
    expect(refuseOrigin({ host, origin: `http://${host}` })).toBeNull();
    expect(
      refuseOrigin({
        host: 'internal:3000',
        'x-forwarded-host': 'lifeboat.example',
        origin: 'https://lifeboat.example',
      }),
    ).toBeNull();
    expect(refuseOrigin({ host })).toBeNull();
    for (const origin of [
      'http://evil.example',
      'null',
      'garbage',
      `http://${host}.evil.example`,
      'http://127.0.0.1:3001',
      '',
    ])
      expect(refuseOrigin({ host, origin })?.status, origin).toBe(403);
    expect(refuseOrigin({ origin: `http://${host}` })?.status).toBe(403);
  });

  it('are refused over the limit by their declared length', () => {
    expect(refuseLength({ 'content-length': '1048577' }, 1048576)?.status).toBe(413);
    expect(refuseLength({ 'content-length': '1048576' }, 1048576)).toBeNull();
    expect(refuseLength({}, 1048576)).toBeNull();
  });

  it('name an action of this build in its id format', () => {
    expect(refuseActionId(ID, known)).toBeNull();
    expect(refuseActionId('zzz', known)).toMatchObject({ status: 400, headers: { 'x-nextjs-action-not-found': '1' } });
    expect(refuseActionId(`7f${'0'.repeat(40)}`, known)).toMatchObject({ status: 409 });
    expect(refuseActionId(`7f${'0'.repeat(40)}`, null)).toBeNull();
  });
});

describe('fetch-action bodies', () => {
  const text = (s: string) => refuseActionBody(Buffer.from(s), 'text/plain;charset=UTF-8', known);

  it('accept what a browser sends', async () => {
    expect(await text('[{"ok":false},{"jobId":"j1"}]')).toBeNull();
    expect(await text('[{"a":"$$dollar","b":"$undefined","c":"$NaN","d":"$D2026-01-01T00:00:00.000Z"}]')).toBeNull();
    const form = await multipart({ '0': '[{"ok":false},"$K1"]', '1_label': 'web', '1_description': '' });
    expect(await refuseActionBody(form.body, form.type, known)).toBeNull();
    const nested = await multipart({ '0': '[{},"$1"]', '1': '{"x":"$2"}', '2': '[1,2]' });
    expect(await refuseActionBody(nested.body, nested.type, known)).toBeNull();
  });

  it.each([
    'garbage',
    '',
    '5',
    '"x"',
    '{"a":1}',
    'null',
    '["$Q99"]',
    '[{},"$1"]',
    '["$@2"]',
    '["$Fzz"]',
    '[',
    JSON.stringify(Array(1001).fill(0)),
  ])('refuse the text body %j', async (body) => {
    expect((await text(body))?.status).toBe(400);
  });

  it('refuse a multipart body that does not parse, has no root, or points at what is not there', async () => {
    const broken = await refuseActionBody(Buffer.from('garbage'), 'multipart/form-data; boundary=xyz', known);
    expect(broken?.status).toBe(400);
    expect((await refuseActionBody(Buffer.from('garbage'), 'multipart/form-data', known))?.status).toBe(400);
    for (const parts of <Record<string, string>[]>[
      { a: 'b' },
      { '0': 'garbage' },
      { '0': '{}' },
      { '0': '[{},"$1"]' },
      { '0': '["$1"]', '1': 'not json' },
      { '0': '["$F1"]', '1': '{"id":"nope","bound":null}' },
    ]) {
      const form = await multipart(parts);
      expect((await refuseActionBody(form.body, form.type, known))?.status, JSON.stringify(parts)).toBe(400);
    }
    const ref = await multipart({ '0': '["$F1"]', '1': JSON.stringify({ id: ID, bound: null }) });
    expect(await refuseActionBody(ref.body, ref.type, known)).toBeNull();
  });
});

describe('forms posted without JavaScript', () => {
  it('must parse and name an action of this build', async () => {
    const post = async (parts: Record<string, string>) => {
      const form = await multipart(parts);
      return refuseFormPost(form.body, form.type, known);
    };
    expect(await post({ [`$ACTION_ID_${ID}`]: '', label: 'x' })).toBeNull();
    expect(
      await post({ $ACTION_REF_1: '', '$ACTION_1:0': JSON.stringify({ id: ID, bound: '$@1' }), '$ACTION_1:1': '[{}]' }),
    ).toBeNull();
    expect((await post({ label: 'x' }))?.status).toBe(400);
    expect((await post({ [`$ACTION_ID_7f${'0'.repeat(40)}`]: '' }))?.status).toBe(409);
    expect((await post({ $ACTION_REF_1: '', '$ACTION_1:0': 'garbage' }))?.status).toBe(400);
    expect((await refuseFormPost(Buffer.from('garbage'), 'multipart/form-data; boundary=xyz', known))?.status).toBe(
      400,
    );
  });
});
