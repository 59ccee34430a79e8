// The `kith` command: parses the command line with commander and runs one command against the Kith API (the local
// database in-process by default, or a server with --server). Every error ends as one line, "kith: <reason>", on
// stderr and a non-zero exit code (see cli-error.ts).
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { KithError } from '../core/errors.js';
import { CliError, EXIT } from './cli-error.js';
import { CommandContext } from './command-context.js';
import type { CliIo } from './output.js';
import { registerInit } from './commands/init.js';
import { registerServe } from './commands/serve.js';
import { registerAdd } from './commands/add.js';
import { registerFind } from './commands/find.js';
import { registerShow } from './commands/show.js';
import { registerLog } from './commands/log.js';
import { registerPromise } from './commands/promise.js';
import { registerDone } from './commands/done.js';
import { registerDue } from './commands/due.js';
import { registerSnooze, registerStage } from './commands/stage.js';
import { registerEvent } from './commands/event.js';
import { registerExport } from './commands/export.js';
import { registerToken } from './commands/token.js';
import { registerScan } from './commands/scan.js';
import { registerShare } from './commands/share.js';
import { registerFeed } from './commands/feed.js';
import { registerAppPassword } from './commands/app-password.js';
import { registerImport } from './commands/import.js';
import { registerDuplicates } from './commands/duplicates.js';

export type { CliIo } from './output.js';

function version(): string {
  try {
    // The same relative path from src/cli/ and dist/cli/.
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const EXAMPLES = `
Examples:
  kith init
  kith add "Jane Doe, CTO at Acme Corp, jane@acme.com, loves opera; promised to send the white paper"
  kith due
  kith show jane
  kith log jane call talked about the hiring plan
  kith --server https://kith.example.com --token kith_… find jane

Local mode (the default) uses the database in KITH_DATA_DIR (default ./data) or DATABASE_URL;
--server URL --token T (or KITH_SERVER and KITH_TOKEN) talk to a running server instead.`;

function buildProgram(io: CliIo): Command {
  const ctx = new CommandContext(io);
  const program = new Command('kith')
    .description('Kith: networking for people who hate networking')
    .version(version(), '-V, --version')
    .option('--json', 'print the result as JSON (and nothing else on stdout)')
    .option('--server <url>', 'use a running Kith server instead of the local database (or KITH_SERVER)')
    .option('--token <token>', 'the API token for --server (or KITH_TOKEN)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Usage errors are printed by runCli, as one line like every other error.
      outputError: () => {},
    })
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', EXAMPLES);
  registerInit(program, ctx);
  registerServe(program, ctx);
  registerAdd(program, ctx);
  registerFind(program, ctx);
  registerShow(program, ctx);
  registerLog(program, ctx);
  registerPromise(program, ctx);
  registerDone(program, ctx);
  registerDue(program, ctx);
  registerStage(program, ctx);
  registerSnooze(program, ctx);
  registerEvent(program, ctx);
  registerExport(program, ctx);
  registerToken(program, ctx);
  registerScan(program, ctx);
  registerShare(program, ctx);
  registerFeed(program, ctx);
  registerAppPassword(program, ctx);
  registerImport(program, ctx);
  registerDuplicates(program, ctx);
  return program;
}

const QUIET_COMMANDER_CODES = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** The one line of an error and the exit code it leaves with. */
function explain(error: unknown): { message: string | null; exitCode: number } {
  if (error instanceof CommanderError) {
    if (QUIET_COMMANDER_CODES.has(error.code)) return { message: null, exitCode: error.exitCode };
    return { message: error.message.replace(/^error: /, ''), exitCode: EXIT.usage };
  }
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof KithError) return { message: error.message, exitCode: EXIT.failed };
  return { message: error instanceof Error ? error.message : String(error), exitCode: EXIT.failed };
}

/** Runs `kith` with these arguments (without the node and script paths) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    const { message, exitCode } = explain(error);
    if (message !== null) io.stderr.write(`kith: ${message.replace(/\s*\n\s*/g, ' ').trim()}\n`);
    return exitCode;
  }
}

/** Run directly (tsx src/cli/main.ts) or through bin/kith.js, which imports the built dist/cli/main.js. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  let real: string;
  try {
    real = realpathSync(script);
  } catch {
    return false;
  }
  return real === fileURLToPath(import.meta.url) || (path.basename(real) === 'kith.js' && path.basename(path.dirname(real)) === 'bin');
}

if (isEntryPoint()) {
  // `kith find … | head`: the reader went away; stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  });
}
