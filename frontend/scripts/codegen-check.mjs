// Fails when src/gql/ is not what `npm run codegen` would write now (an operation or
// schema.graphql changed without regenerating): generates into a temp directory and diffs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const committed = join(root, 'src', 'gql');
const fresh = mkdtempSync(join(tmpdir(), 'tally-codegen-'));
const cli = join(root, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');

function read(dir, name) {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch {
    return null;
  }
}

try {
  execFileSync(process.execPath, [cli, '--config', 'codegen.ts', '--silent'], {
    cwd: root,
    env: { ...process.env, CODEGEN_OUT: `${fresh}/` },
    stdio: 'inherit',
  });
  const names = new Set([...readdirSync(committed), ...readdirSync(fresh)]);
  const stale = [...names].filter((name) => read(committed, name) !== read(fresh, name));
  if (stale.length > 0) {
    console.error(`src/gql is stale (${stale.join(', ')}): run \`npm run codegen\` in frontend/ and commit the result.`);
    process.exit(1);
  }
  console.log('src/gql is up to date with schema.graphql and the operations.');
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
