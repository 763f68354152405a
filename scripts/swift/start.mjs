// Start the loopback S3 server (OpenStack Swift + s3api) for the integration tests, if it is not
// up already. `node scripts/swift/start.mjs` (or `... stop`); from a vitest globalSetup:
//   import { ensureSwift } from '../scripts/swift/start.mjs'; await ensureSwift();
// Configured by scripts/swift/setup.sh; recipe and traps in ../shared/TOOLCHAIN.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUN = '/var/run/swift';
const LOGS = '/var/log/swift';
const MARK = '# written by lifeboat scripts/swift/setup.sh';
const endpoint = 'http://127.0.0.1:8080';
export const s3 = { endpoint, region: 'us-east-1', accessKeyId: 'test:tester', secretAccessKey: 'testing' };

// Backends first: the proxy answers its healthcheck without them, but not S3.
const servers = [
  { name: 'account-server', port: 6202 },
  { name: 'container-server', port: 6201 },
  { name: 'object-server', port: 6200 },
  { name: 'proxy-server', port: 8080 },
];

// Swift logs only to syslog. This reader owns the datagram socket that setup.sh's configs name
// (log_address) and files each line by its tag, e.g. /var/log/swift/proxy-server.log.
const syslogReader = `
import os, re, socket
path = '${RUN}/log.sock'
try: os.unlink(path)
except FileNotFoundError: pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(path); os.chmod(path, 0o666)
files = {}
while True:
    m = re.match(r'<\\d+>([\\w.-]+):? ?(.*)', s.recv(65536).decode('utf-8', 'replace').rstrip('\\x00\\n'), re.S)
    if not m: continue
    f = files.get(m[1]) or files.setdefault(m[1], open('${LOGS}/%s.log' % re.sub(r'[^\\w-]', '_', m[1]), 'a', buffering=1))
    f.write(m[2] + '\\n')
`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function healthy(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthcheck`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

function tcpOpen(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port }, () => (sock.destroy(), resolve(true)));
    sock.on('error', () => resolve(false));
    sock.setTimeout(1000, () => (sock.destroy(), resolve(false)));
  });
}

function alive(name) {
  try {
    const pid = Number(fs.readFileSync(`${RUN}/${name}.pid`, 'utf8'));
    // A zombie counts as gone (this machine's init reaps orphans only every few seconds).
    return /^\d+ \(.*\) [^Z]/s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')) ? pid : 0;
  } catch {
    return 0;
  }
}

const swiftUser = (() => {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('swift:'));
  const [, , uid, gid] = line ? line.split(':') : [];
  return { uid: Number(uid ?? process.getuid()), gid: Number(gid ?? process.getgid()) };
})();
const asSwift = ['setpriv', '--reuid=swift', '--regid=swift', '--init-groups'];

// Each process gets its own session (detached = setsid): on SIGTERM Swift kills its whole process
// group, which must not be ours. stdout/stderr go to the log too (tracebacks before logging starts).
function launch(name, argv) {
  const out = fs.openSync(`${LOGS}/${name}.log`, 'a');
  fs.fchownSync(out, swiftUser.uid, swiftUser.gid); // the log reader (as swift) appends here too
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.unref();
  fs.writeFileSync(`${RUN}/${name}.pid`, String(child.pid));
}

async function startSwift({ timeoutMs = 60_000, quiet = false } = {}) {
  const log = quiet ? () => {} : (m) => console.log(m);
  if (!configured()) {
    throw new Error('Swift is not configured: run `sudo bash scripts/swift/setup.sh` first');
  }
  fs.mkdirSync(RUN, { recursive: true });
  fs.mkdirSync(LOGS, { recursive: true });
  spawnSync('chown', ['swift:swift', RUN, LOGS]);

  if (!alive('syslog')) {
    fs.rmSync(`${RUN}/log.sock`, { force: true }); // stale from a previous reader
    launch('syslog', [...asSwift, '/usr/bin/python3', '-u', '-c', syslogReader]);
    for (let i = 0; i < 50 && !fs.existsSync(`${RUN}/log.sock`); i++) await sleep(50);
  }
  const up = await Promise.all(servers.map((s) => healthy(s.port)));
  if (up.every(Boolean)) {
    log(`Swift S3 already up at ${endpoint}`);
    return s3;
  }
  if (!(await tcpOpen(11211))) {
    launch('memcached', ['memcached', '-u', 'memcache', '-l', '127.0.0.1', '-p', '11211', '-U', '0', '-m', '64']);
  }
  servers.forEach((s, i) => {
    // A server that is not healthy but still running is left to finish starting.
    if (!up[i] && !alive(s.name)) launch(s.name, [...asSwift, `swift-${s.name}`, `/etc/swift/${s.name}.conf`]);
  });

  const deadline = Date.now() + timeoutMs;
  let pending = servers;
  while (pending.length) {
    const ok = await Promise.all(pending.map((s) => healthy(s.port)));
    pending = pending.filter((_, i) => !ok[i]);
    if (!pending.length) break;
    if (Date.now() > deadline) {
      const which = pending.map((s) => `${s.name} (127.0.0.1:${s.port}, log ${LOGS}/${s.name}.log)`).join(', ');
      throw new Error(`Swift did not come up within ${timeoutMs / 1000} s: ${which}`);
    }
    await sleep(200);
  }
  log(`Swift S3 up at ${endpoint} (region us-east-1, access key test:tester, secret testing)`);
  return s3;
}

// Stops what start.mjs started (by the pids it recorded), memcached and the log reader included.
export async function stopSwift() {
  const names = [...servers.map((s) => s.name), 'memcached', 'syslog'];
  for (const name of names) {
    const pid = alive(name);
    if (pid)
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        process.kill(pid, 'SIGTERM');
      }
  }
  for (let i = 0; i < 100 && names.some(alive); i++) await sleep(100);
  for (const name of names) if (!alive(name)) fs.rmSync(`${RUN}/${name}.pid`, { force: true });
}

// The swift-proxy package ships a proxy-server.conf of its own: only setup.sh's (marked) one will do.
function configured() {
  const conf = '/etc/swift/proxy-server.conf';
  return fs.existsSync(conf) && fs.readFileSync(conf, 'utf8').startsWith(MARK);
}

// For a vitest globalSetup (run as root): configure on first use, then start.
export async function ensureSwift(opts) {
  if (!configured()) {
    const r = spawnSync('bash', [path.join(here, 'setup.sh')], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`scripts/swift/setup.sh failed (exit ${r.status})`);
  }
  return startSwift(opts);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const run = process.argv[2] === 'stop' ? stopSwift : process.argv[2] === 'ensure' ? ensureSwift : startSwift;
  run().catch((err) => {
    console.error(`start.mjs: ${err.message}`);
    process.exit(1);
  });
}
