// Start the real `tally` binary for the end-to-end tests: a fresh SQLite file in a temp
// directory, a random JWT secret, bcrypt cost 4, serving the built dashboard; port 0, with
// the address read from its JSON log line. `cli()` runs another `tally` command (e.g.
// `admin promote`) against the same database with the same environment.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repo = resolve(import.meta.dirname, '..', '..');

/**
 * Environment for the server. Revocations take effect at once (no auth-state cache), and
 * the per-IP rate limits are off (or out of reach): every request of the test comes from
 * 127.0.0.1.
 */
function environment(dir) {
  return {
    ...process.env,
    TALLY_ADDR: '127.0.0.1:0',
    DATABASE_URL: `sqlite://${join(dir, 'tally.db')}?mode=rwc`,
    TALLY_DATA_DIR: dir,
    JWT_SECRET: randomBytes(48).toString('base64'),
    BCRYPT_COST: '4',
    TALLY_LOG_FORMAT: 'json',
    TALLY_DASHBOARD_DIR: join(repo, 'frontend', 'dist'),
    RUST_LOG: 'info',
    AUTH_STATE_CACHE_MS: '0',
    RATE_LIMIT_LOGIN_PER_MINUTE: '0',
    RATE_LIMIT_SIGNUP_PER_HOUR: '0',
    RATE_LIMIT_REFRESH_PER_MINUTE: '0',
    // Every browser context and page load opens its own WebSocket, all from 127.0.0.1.
    TALLY_WS_CONNECTS_PER_MINUTE: '100000',
    // The recurring job runs every second, so a suggested date becomes due while a test waits.
    RECURRING_JOB_INTERVAL_SECONDS: '1',
  };
}

/** A running server (`extraEnv` added to its environment): its base URL, cli(args), and stop(). */
export async function startTally(extraEnv = {}) {
  const binary = process.env.TALLY_BIN ?? join(repo, 'target', 'debug', 'tally');
  const dir = mkdtempSync(join(tmpdir(), 'tally-e2e-'));
  const env = { ...environment(dir), ...extraEnv };
  const child = spawn(binary, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`tally did not start in 60 s:\n${log.join('\n')}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`tally exited with ${code}:\n${log.join('\n')}`)));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        log.push(line);
        const addr = listeningAddress(line);
        if (addr) {
          clearTimeout(timer);
          resolveUrl(`http://${addr}`);
        }
      });
    }
  });
  return {
    url,
    log,
    /** Run `tally <args>` on the server's database; its stdout, or an error with its stderr. */
    cli(args) {
      const run = spawnSync(binary, args, { env, encoding: 'utf8', timeout: 60_000 });
      if (run.status !== 0) throw new Error(`tally ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
      return run.stdout;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function listeningAddress(line) {
  try {
    const entry = JSON.parse(line);
    const fields = entry.fields ?? entry; // the JSON log flattens fields into the line
    return fields.message === 'tally is listening' ? fields.addr : null;
  } catch {
    return null;
  }
}
