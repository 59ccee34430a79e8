// The CLI's own API token for the local database: written by `kith init` to $KITH_DATA_DIR/cli-token (mode 0600),
// read by every other local command. Its presence is what "this folder is initialised" means to the CLI.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError, EXIT } from './cli-error.js';

export const CLI_TOKEN_FILE = 'cli-token';
export const CLI_TOKEN_NAME = 'kith CLI (local)';

export function cliTokenPath(dataDir: string): string {
  return path.join(dataDir, CLI_TOKEN_FILE);
}

function notInitialised(dataDir: string): CliError {
  return new CliError(`run \`kith init\` first (no account in ${dataDir})`, EXIT.failed);
}

/** The token, or null when the folder has none yet. */
export function findCliToken(dataDir: string): string | null {
  let text: string;
  try {
    text = readFileSync(cliTokenPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw new CliError(`cannot read ${cliTokenPath(dataDir)}: ${(error as Error).message}`);
  }
  return text.trim() || null;
}

export function readCliToken(dataDir: string): string {
  const token = findCliToken(dataDir);
  if (!token) throw notInitialised(dataDir);
  return token;
}

export function writeCliToken(dataDir: string, token: string): string {
  const file = cliTokenPath(dataDir);
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  // The mode applies only when the file is created; an older file keeps its own, so set it again.
  chmodSync(file, 0o600);
  return file;
}
