// Where `lifeboat login` keeps the server and the token: $XDG_CONFIG_HOME/lifeboat/config.json
// (~/.config/… by default), readable by its owner only. LIFEBOAT_URL and LIFEBOAT_TOKEN in the
// environment win over it, for CI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** @param {Record<string, string | undefined>} [env] */
export function configPath(env = process.env) {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'lifeboat', 'config.json');
}

/** @param {Record<string, string | undefined>} [env] */
export function readConfig(env = process.env) {
  let saved = {};
  try {
    saved = JSON.parse(fs.readFileSync(configPath(env), 'utf8'));
  } catch {
    saved = {};
  }
  return { url: env.LIFEBOAT_URL || saved.url, token: env.LIFEBOAT_TOKEN || saved.token };
}

/**
 * @param {{ url: string; token: string }} config
 * @param {Record<string, string | undefined>} [env]
 */
export function writeConfig(config, env = process.env) {
  const file = configPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/** @param {Record<string, string | undefined>} [env] */
export function removeConfig(env = process.env) {
  fs.rmSync(configPath(env), { force: true });
}
