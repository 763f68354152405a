// `npm run lighthouse`: Lighthouse's default (mobile) profile on the production build's main
// pages, with Debian's Chromium. Serves the last `next build` on a throwaway demo data folder
// (LIGHTHOUSE_PORT, default 3250), signs in as the demo member through next-auth, and prints
// performance, accessibility, LCP, TBT and script bytes per page. A report: it exits 0 whatever
// the scores (1 only when it cannot run). Build first (`npm run build`); CHROME_PATH picks
// another browser, LIGHTHOUSE_RUNS=n keeps each page's median of n runs, LIGHTHOUSE_JSON=dir
// writes each full report there.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.LIGHTHOUSE_PORT || 3250);
const base = `http://127.0.0.1:${port}`;
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS || 1));
const jsonDir = process.env.LIGHTHOUSE_JSON;

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.error('No production build: run `npm run build` first.');
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeboat-lighthouse-'));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, 'lifeboat.db')}`,
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
  NEXTAUTH_URL: base,
  LIFEBOAT_SECRET_KEY: crypto.randomBytes(32).toString('base64url'),
  LIFEBOAT_DEMO: '1',
  PORT: String(port),
  NODE_ENV: 'production',
};

function step(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${result.status})`);
}

async function waitForServer(server) {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error('the server stopped before answering');
    try {
      const res = await fetch(`${base}/signin`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not answer within 150 s');
}

const cookiesOf = (res) => res.headers.getSetCookie().map((c) => c.split(';')[0]);

// next-auth's own flow: a CSRF token (and its cookie), then the credentials callback, whose
// answer sets the session cookie.
async function signIn(email, password) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const jar = cookiesOf(csrf);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.join('; '), Origin: base },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/`, json: 'true' }),
  });
  const session = cookiesOf(res).filter((c) => /session-token=/.test(c));
  if (!session.length) throw new Error(`sign-in as ${email} set no session cookie (HTTP ${res.status})`);
  return session.join('; ');
}

async function firstInstancePath(cookie) {
  const html = await (await fetch(`${base}/instances`, { headers: { Cookie: cookie } })).text();
  const match = html.match(/href="(\/instances\/[A-Za-z0-9_-]{10,})"/);
  if (!match) throw new Error('no instance link on /instances');
  return match[1];
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function audit(chrome, name, url, cookie) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const { lhr, report } = await lighthouse(
      url,
      {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: cookie ? { Cookie: cookie } : undefined,
      },
      undefined,
    );
    if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.message}`);
    if (jsonDir) fs.writeFileSync(path.join(jsonDir, `${name.replace(/\W+/g, '-')}-${i + 1}.json`), report);
    const scripts = (lhr.audits['network-requests']?.details?.items ?? []).filter((r) => r.resourceType === 'Script');
    results.push({
      performance: lhr.categories.performance.score,
      accessibility: lhr.categories.accessibility.score,
      lcp: lhr.audits['largest-contentful-paint'].numericValue,
      tbt: lhr.audits['total-blocking-time'].numericValue,
      js: scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
      finalUrl: lhr.finalDisplayedUrl,
    });
  }
  const pick = (key) => median(results.map((r) => r[key]));
  return {
    page: name,
    performance: pick('performance'),
    accessibility: pick('accessibility'),
    lcp: pick('lcp'),
    tbt: pick('tbt'),
    js: pick('js'),
    url: results[0].finalUrl.replace(base, ''),
  };
}

function printTable(rows) {
  const header = ['page', 'performance', 'accessibility', 'LCP', 'TBT', 'JS (transfer)', 'final URL'];
  const lines = rows.map((r) => [
    r.page,
    r.performance.toFixed(2),
    r.accessibility.toFixed(2),
    `${(r.lcp / 1000).toFixed(2)} s`,
    `${Math.round(r.tbt)} ms`,
    `${(r.js / 1024).toFixed(1)} KiB`,
    r.url,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(row(l));
}

let server;
let chrome;
let failed = false;
try {
  if (jsonDir) fs.mkdirSync(jsonDir, { recursive: true });
  console.log(`Seeding the demo into ${dataDir}…`);
  step(process.execPath, ['scripts/migrate.mjs']);
  step(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/seed.ts']);
  // What `npm start` serves after its build, migrations and seed: one web process.
  const serveOne = `import('./scripts/serve.mjs').then((m) => m.serveProcesses({ dir: '.', port: ${port}, processes: 1 }))`;
  server = spawn(process.execPath, ['--input-type=module', '-e', serveOne], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForServer(server);
  const cookie = await signIn('member@lifeboat.local', 'lifeboat-demo');
  const instance = await firstInstancePath(cookie);
  chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const pages = [
    ['sign-in', '/signin', null],
    ['overview', '/', cookie],
    ['instance list', '/instances', cookie],
    ['instance page', instance, cookie],
    ['images', '/images', cookie],
  ];
  const rows = [];
  for (const [name, pathname, withCookie] of pages) rows.push(await audit(chrome, name, base + pathname, withCookie));
  console.log(`\nLighthouse ${runs > 1 ? `(median of ${runs} runs) ` : ''}on ${base}, mobile profile:`);
  printTable(rows);
} catch (error) {
  console.error(`lighthouse: ${error.message}`);
  failed = true;
} finally {
  await chrome?.kill();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
