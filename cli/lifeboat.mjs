#!/usr/bin/env node
// `lifeboat`: Lifeboat's REST API from a shell. `lifeboat help` lists the commands; exit codes
// are in ./exit-codes.mjs (and the README). Plain Node, no build step: it is the package's bin.
import { parseArgs } from 'node:util';
import { run } from './commands.mjs';
import { CliError } from './client.mjs';
import { EXIT } from './exit-codes.mjs';

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
  wait: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  label: { type: 'string' },
  description: { type: 'string' },
  disk: { type: 'string' },
  to: { type: 'string' },
  team: { type: 'string' },
  plan: { type: 'string' },
  search: { type: 'string' },
  sort: { type: 'string' },
  dir: { type: 'string' },
  page: { type: 'string' },
  'poll-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};

let parsed;
try {
  parsed = parseArgs({ args: process.argv.slice(2), options: OPTIONS, allowPositionals: true });
} catch (error) {
  process.stderr.write(`lifeboat: ${error.message}\nRun "lifeboat help" for the commands.\n`);
  process.exit(EXIT.usage);
}

try {
  process.exitCode = await run(parsed.positionals, parsed.values, {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: process.stderr,
    env: process.env,
  });
} catch (error) {
  if (error instanceof CliError) {
    process.stderr.write(`lifeboat: ${error.message}\n`);
    process.exitCode = error.code;
  } else {
    process.stderr.write(`lifeboat: ${error?.stack ?? error}\n`);
    process.exitCode = EXIT.error;
  }
}
