// The commands of `lifeboat`. Each resolves what it names (an instance by id or exact label),
// calls the API and prints a short table, or with --json the API's own answer. With --wait, a
// command that starts a job follows it with a progress line until it ends.
import { apiClient, CliError } from './client.mjs';
import { readConfig, removeConfig, writeConfig } from './config.mjs';
import { EXIT } from './exit-codes.mjs';
import { progressLine } from './progress.mjs';

export const HELP = `lifeboat: Lifeboat's REST API from a shell.

  lifeboat login --url URL [--token lbt_…]     check the token and keep it (or LIFEBOAT_TOKEN)
  lifeboat logout                             forget the kept token
  lifeboat instances [--search Q] [--sort S] [--dir asc|desc] [--page N]
  lifeboat instance INSTANCE                  one instance with its disks and their usage
  lifeboat images
  lifeboat backups INSTANCE
  lifeboat capture INSTANCE --label L [--disk DISK] [--description D] [--wait]
  lifeboat snapshot INSTANCE --label L [--wait]
  lifeboat restore BACKUP --to INSTANCE --yes [--wait]     overwrites the target's disk
  lifeboat deploy image IMAGE --label L --team TEAM [--plan P] [--wait]
  lifeboat deploy backup BACKUP --label L --team TEAM --plan P [--wait]
  lifeboat job JOB [--wait]
  lifeboat cancel JOB

INSTANCE is an id or an exact label; TEAM an id or a name you belong to. --json prints the
API's answer. Exit codes: 0 done, 1 server or network error, 2 wrong command line, 3 not signed
in or not allowed, 4 not found, 5 refused (input, limit, busy), 6 the job failed or was cancelled.
LIFEBOAT_URL and LIFEBOAT_TOKEN override what login kept.`;

const COMMANDS = [
  'login',
  'instances',
  'instance',
  'images',
  'backups',
  'capture',
  'snapshot',
  'restore',
  'deploy',
  'job',
  'cancel',
];

const usage = (message) => new CliError(`${message}\nRun "lifeboat help" for the commands.`, EXIT.usage);

function need(value, what) {
  if (value === undefined || value === '') throw usage(`${what} is missing.`);
  return value;
}

function table(rows, columns) {
  const widths = columns.map(([title, get]) => Math.max(title.length, ...rows.map((r) => String(get(r)).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(columns.map(([t]) => t)), ...rows.map((r) => line(columns.map(([, get]) => get(r))))].join('\n');
}

async function instanceId(request, ref) {
  need(ref, 'The instance (an id or a label)');
  const found = await request('GET', `/instances?q=${encodeURIComponent(ref)}&size=100`).catch(() => null);
  const exact = found?.items?.filter((i) => i.label === ref) ?? [];
  if (exact.length === 1) return exact[0].id;
  if (exact.length > 1) throw new CliError(`Several instances are labelled ${ref}. Use the id.`, EXIT.refused);
  return ref;
}

async function teamId(request, ref) {
  need(ref, '--team');
  const { teams } = await request('GET', '/me');
  const team = teams.find((t) => t.id === ref || t.name === ref);
  if (!team)
    throw new CliError(
      `You are in no team ${ref}. Yours: ${teams.map((t) => t.name).join(', ') || 'none'}.`,
      EXIT.notFound,
    );
  return team.id;
}

async function follow(request, job, ctx, opts) {
  const pollMs = Number(opts['poll-ms'] ?? 1000);
  const tty = ctx.err.isTTY;
  let last = '';
  while (job.status === 'queued' || job.status === 'running') {
    const line = progressLine(job);
    if (line !== last) ctx.err.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    last = line;
    await new Promise((r) => setTimeout(r, pollMs));
    job = await request('GET', `/jobs/${job.id}`);
  }
  if (tty) ctx.err.write('\r\x1b[2K');
  return job;
}

/** Prints a started job (or follows it with --wait); the exit code says how it ended. */
async function started(request, answer, ctx, opts) {
  let job = answer.job;
  if (!opts.wait) {
    ctx.out(
      opts.json
        ? JSON.stringify(answer, null, 2)
        : `${answer.message} Job ${job.id} (${job.name}). Follow it with: lifeboat job ${job.id} --wait`,
    );
    return EXIT.ok;
  }
  job = await follow(request, job, ctx, opts);
  if (opts.json) ctx.out(JSON.stringify({ ...answer, job }, null, 2));
  else if (job.status === 'succeeded') ctx.out(`${job.name}: done.`);
  else ctx.out(`${job.name}: ${job.status}${job.error ? `: ${job.error}` : ''}`);
  return job.status === 'succeeded' ? EXIT.ok : EXIT.jobFailed;
}

const print = (ctx, opts, data, text) => ctx.out(opts.json ? JSON.stringify(data, null, 2) : text());

export async function run(args, opts, ctx) {
  const [command, ...rest] = args;
  if (!command || command === 'help' || opts.help) {
    ctx.out(HELP);
    return command || opts.help ? EXIT.ok : EXIT.usage;
  }
  if (command === 'logout') {
    removeConfig(ctx.env);
    ctx.out('Signed out: the token is no longer kept here (it is still valid until revoked in Settings).');
    return EXIT.ok;
  }
  if (!COMMANDS.includes(command)) throw usage(`There is no command "${command}".`);
  const saved = readConfig(ctx.env);
  const url = opts.url ?? saved.url;
  const token = opts.token ?? saved.token;
  if (!url) throw new CliError('No server: run "lifeboat login --url URL --token lbt_…" first.', EXIT.auth);
  if (!token) throw new CliError('No token: make one in Settings, then run "lifeboat login".', EXIT.auth);
  const request = apiClient({ url, token });

  switch (command) {
    case 'login': {
      const [{ user }, { tokens }] = await Promise.all([request('GET', '/me'), request('GET', '/tokens')]);
      const file = writeConfig({ url, token }, ctx.env);
      const mine = tokens.find((t) => token.startsWith(t.prefix));
      const access = mine ? `, token ${mine.name}, ${mine.scope === 'write' ? 'read and write' : 'read only'}` : '';
      ctx.out(`Signed in to ${url} as ${user.email}${access}. Kept in ${file}.`);
      return EXIT.ok;
    }
    case 'instances': {
      const q = new URLSearchParams();
      for (const [k, v] of [
        ['q', opts.search],
        ['sort', opts.sort],
        ['dir', opts.dir],
        ['page', opts.page],
      ])
        if (v) q.set(k, v);
      const data = await request('GET', `/instances?${q}`);
      print(ctx, opts, data, () =>
        data.items.length === 0
          ? 'No instances.'
          : `${table(data.items, [
              ['ID', (i) => i.id],
              ['LABEL', (i) => i.label],
              ['STATUS', (i) => i.status],
              ['REGION', (i) => i.region],
              ['USED', (i) => i.usage.label],
              ['BACKUPS', (i) => i.backupHealth],
              ['TEAM', (i) => i.team],
            ])}\nPage ${data.page} of ${data.pageCount} (${data.total} ${data.total === 1 ? 'instance' : 'instances'}).`,
      );
      return EXIT.ok;
    }
    case 'instance': {
      const data = await request('GET', `/instances/${encodeURIComponent(await instanceId(request, rest[0]))}`);
      print(ctx, opts, data, () =>
        [
          `${data.label} (${data.id}): ${data.status}, ${data.region}, team ${data.team}`,
          table(data.disks, [
            ['DISK ID', (d) => d.id],
            ['LABEL', (d) => d.label],
            ['KIND', (d) => d.kind],
            ['USED', (d) => d.usage.label],
            ['MEASURED', (d) => d.measured],
          ]),
        ].join('\n'),
      );
      return EXIT.ok;
    }
    case 'images': {
      const data = await request('GET', '/images');
      print(ctx, opts, data, () =>
        data.images.length === 0
          ? 'No images.'
          : table(data.images, [
              ['ID', (i) => i.id],
              ['LABEL', (i) => i.label],
              ['STATUS', (i) => i.status],
              ['SOURCE', (i) => i.source ?? ''],
              ['CREATED', (i) => i.createdAt],
            ]),
      );
      return EXIT.ok;
    }
    case 'backups': {
      const data = await request('GET', `/instances/${encodeURIComponent(await instanceId(request, rest[0]))}/backups`);
      print(ctx, opts, data, () =>
        data.backups.length === 0
          ? `No backups of ${data.instance.label}${data.instance.enabled ? ' yet' : ': the backup service is off'}.`
          : table(data.backups, [
              ['ID', (b) => b.id],
              ['KIND', (b) => b.slot ?? b.kind],
              ['STATUS', (b) => (b.damaged ? 'damaged' : b.status)],
              ['TAKEN', (b) => b.takenAt ?? ''],
              ['LABEL', (b) => b.label ?? ''],
            ]),
      );
      return EXIT.ok;
    }
    case 'capture': {
      const id = await instanceId(request, rest[0]);
      const detail = await request('GET', `/instances/${encodeURIComponent(id)}`);
      const disk = opts.disk
        ? detail.disks.find((d) => d.id === opts.disk || d.label === opts.disk)
        : detail.disks.find((d) => d.kind === 'primary');
      if (!disk) throw new CliError(`${detail.label} has no disk ${opts.disk ?? 'to capture'}.`, EXIT.notFound);
      const body = {
        instanceId: id,
        diskId: disk.id,
        label: need(opts.label, '--label'),
        description: opts.description ?? '',
      };
      return started(request, await request('POST', '/images', body), ctx, opts);
    }
    case 'snapshot': {
      const id = await instanceId(request, rest[0]);
      const answer = await request('POST', `/instances/${encodeURIComponent(id)}/backups/snapshot`, {
        label: need(opts.label, '--label'),
      });
      return started(request, answer, ctx, opts);
    }
    case 'restore': {
      const backup = need(rest[0], 'The backup id');
      const target = await request(
        'GET',
        `/instances/${encodeURIComponent(await instanceId(request, need(opts.to, '--to')))}`,
      );
      if (!opts.yes) throw usage(`Restoring overwrites the disk of ${target.label}. Add --yes to go ahead.`);
      const answer = await request('POST', `/backups/${encodeURIComponent(backup)}/restore`, {
        targetInstanceId: target.id,
        confirm: target.label,
      });
      return started(request, answer, ctx, opts);
    }
    case 'deploy': {
      const [what, id] = rest;
      if (what !== 'image' && what !== 'backup')
        throw usage('Deploy an image or a backup: lifeboat deploy image IMAGE … or lifeboat deploy backup BACKUP …');
      const body = {
        label: need(opts.label, '--label'),
        teamId: await teamId(request, opts.team),
        ...(opts.plan ? { plan: opts.plan } : {}),
      };
      const path =
        what === 'image'
          ? `/images/${encodeURIComponent(need(id, 'The image id'))}/deploy`
          : `/backups/${encodeURIComponent(need(id, 'The backup id'))}/deploy`;
      return started(request, await request('POST', path, body), ctx, opts);
    }
    case 'job': {
      const job = await request('GET', `/jobs/${encodeURIComponent(need(rest[0], 'The job id'))}`);
      if (opts.wait) return started(request, { message: '', job }, ctx, opts);
      print(ctx, opts, job, () => `${progressLine(job)}\n${job.status}${job.error ? `: ${job.error}` : ''}`);
      return EXIT.ok;
    }
    case 'cancel': {
      const answer = await request('POST', `/jobs/${encodeURIComponent(need(rest[0], 'The job id'))}/cancel`);
      print(ctx, opts, answer, () => answer.message);
      return EXIT.ok;
    }
    default:
      throw usage(`There is no command "${command}".`);
  }
}
