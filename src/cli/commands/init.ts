// `kith init`: creates the one account of a local data folder and the CLI's own token, so that every other local
// command can talk to the API. Interactive at a terminal; `--email E --password-stdin` for scripts.
import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import { MIN_PASSWORD_LENGTH } from '../../app/auth.service.js';
import { KithError } from '../../core/errors.js';
import { isValidRegion, regionOfTimeZone } from '../../core/contact-values.js';
import { isValidTimeZone } from '../../core/calendar-date.js';
import type { AccountRecord } from '../../core/records.js';
import type { Settings } from '../api-types.js';
import { CliError, EXIT, usageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { localConnection, serverOf } from '../connect.js';
import { CLI_TOKEN_NAME, findCliToken, writeCliToken } from '../local-token.js';
import { parseTimeZone } from '../parse-options.js';
import { ask, readSecretFrom } from '../prompt.js';
import { fields } from '../format.js';

interface InitOptions {
  email?: string;
  passwordStdin?: boolean;
  timeZone?: string;
  region?: string;
}

export function guessTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/**
 * The country of the time zone (Europe/Berlin → DE: where the numbers typed without +code are likely from), else
 * of this computer's locale ("en-GB" → GB), else US. The zone comes first: a server's locale is often a default.
 */
export function guessRegion(timeZone: string): string {
  const region = regionOfTimeZone(timeZone) ?? new Intl.Locale(Intl.DateTimeFormat().resolvedOptions().locale).region;
  return region && isValidRegion(region) ? region : 'US';
}

function parseRegion(value: string): string {
  const region = value.toUpperCase();
  if (!isValidRegion(region)) throw usageError(`--region: "${value}" is not a two-letter country code (e.g. GB)`);
  return region;
}

function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed)) throw usageError(`"${email}" is not an e-mail address`);
  return trimmed;
}

async function askNewPassword(ctx: CommandContext): Promise<string> {
  const password = await ask(ctx.io, `Password (at least ${MIN_PASSWORD_LENGTH} characters): `, { hidden: true });
  if (password.length < MIN_PASSWORD_LENGTH) throw new CliError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const again = await ask(ctx.io, 'The same password again: ', { hidden: true });
  if (again !== password) throw new CliError('the two passwords differ; nothing was created');
  return password;
}

async function init(ctx: CommandContext, options: InitOptions, command: Command): Promise<void> {
  const { io } = ctx;
  const out = ctx.output(command);
  if (serverOf(ctx.globals(command), io.env)) {
    throw usageError('`kith init` sets up the local data folder; for a server, sign up in its web app and make a token there');
  }
  if (options.passwordStdin && !options.email) throw usageError('--password-stdin needs --email <address>');
  if (!io.isTTY && !(options.email && options.passwordStdin)) {
    throw usageError('no terminal to ask for your e-mail and password: use `kith init --email you@example.com --password-stdin` with the password on standard input');
  }
  const timeZone = options.timeZone ? parseTimeZone(options.timeZone, '--time-zone') : guessTimeZone();
  const region = options.region ? parseRegion(options.region) : guessRegion(timeZone);
  const email = options.email ? checkEmail(options.email) : undefined;

  const config = readConfig(io.env);
  const { openRuntime } = await import('../../server.js');
  const runtime = await openRuntime(config);
  let token: string;
  let tokenFile: string;
  let account: AccountRecord;
  try {
    try {
      await runtime.services.auth.assertNoAccountYet();
    } catch (error) {
      if (!(error instanceof KithError) || error.code !== 'KITH_ALREADY_INITIALISED') throw error;
      throw new CliError(
        findCliToken(config.dataDir)
          ? `${config.dataDir} is already set up (account and CLI token); nothing to do`
          : `${config.dataDir} already has an account but no CLI token; run \`kith serve\`, make an API token in the web app, and use --server URL --token T`,
        EXIT.failed,
        error.code,
      );
    }
    const address = email ?? checkEmail(await ask(io, 'E-mail: '));
    const password = options.passwordStdin ? await readSecretFrom(io.stdin) : await askNewPassword(ctx);
    account = await runtime.services.auth.signUp({ email: address, password, timeZone });
    ({ token } = await runtime.services.auth.createToken(account.id, CLI_TOKEN_NAME));
    tokenFile = writeCliToken(config.dataDir, token);
  } catch (error) {
    await runtime.close();
    throw error;
  }

  const connection = await localConnection(config, runtime, token);
  let settings: Settings;
  try {
    settings = await connection.api.patch<Settings>('/settings', { defaultRegion: region }, { fields: { defaultRegion: '--region' } });
  } finally {
    await connection.close();
  }
  out.result({ account, settings, dataDir: config.dataDir, tokenFile }, () => {
    out.line(`Kith is ready for ${account.email}.`);
    out.lines(fields([
      ['time zone', `${settings.timeZone}${options.timeZone ? '' : ' (guessed; --time-zone to choose)'}`],
      ['region', `${settings.defaultRegion} (for phone numbers without a +code)`],
      ['data', config.databaseUrl ? 'the database of DATABASE_URL' : config.dataDir],
      ['CLI token', tokenFile],
    ]));
    out.line('Next: kith add "Jane Doe, CTO at Acme Corp, jane@acme.com, loves opera"');
  });
}

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create the local account (once per data folder; KITH_DATA_DIR, default ./data)')
    .option('--email <address>', 'your e-mail address (asked for when at a terminal)')
    .option('--password-stdin', 'read the password from standard input, for scripts')
    .option('--time-zone <zone>', `your IANA time zone (default: this computer's, ${guessTimeZone()})`)
    .option('--region <CC>', `the country of phone numbers written without +code (default: the country of --time-zone, now ${guessRegion(guessTimeZone())})`)
    .addHelpText('after', `\nExamples:\n  kith init\n  kith init --email me@example.com --password-stdin < password.txt`)
    .action((options: InitOptions, command: Command) => init(ctx, options, command));
}
