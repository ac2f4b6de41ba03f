// Start the real `tally` binary for the end-to-end tests: a fresh SQLite file in a temp
// directory, a random JWT secret, bcrypt cost 4, serving the built dashboard; port 0, with
// the address read from its JSON log line.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repo = resolve(import.meta.dirname, '..', '..');

/** Environment for the server; limits issue 4 adds (rate limits) go here, set high. */
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
  };
}

/** A running server: its base URL, and stop(). */
export async function startTally() {
  const binary = process.env.TALLY_BIN ?? join(repo, 'target', 'debug', 'tally');
  const dir = mkdtempSync(join(tmpdir(), 'tally-e2e-'));
  const child = spawn(binary, ['serve'], { env: environment(dir), stdio: ['ignore', 'pipe', 'pipe'] });
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
