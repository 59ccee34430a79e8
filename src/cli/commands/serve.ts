// `kith serve`: the API (and, when built, the web app) on KITH_HOST:KITH_PORT, until Ctrl-C or SIGTERM.
import type { Command } from 'commander';
import { readConfig } from '../../config.js';
import type { startServer } from '../../server.js';
import { CliError, usageError } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { serverOf } from '../connect.js';

function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function serve(ctx: CommandContext, options: { log: boolean }, command: Command): Promise<void> {
  const out = ctx.output(command);
  if (serverOf(ctx.globals(command), ctx.io.env)) throw usageError('`kith serve` runs a server here; it takes no --server');
  const config = readConfig(ctx.io.env);
  let started: Awaited<ReturnType<typeof startServer>>;
  try {
    const { startServer } = await import('../../server.js');
    started = await startServer(config, { logger: options.log });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new CliError(`port ${config.port} on ${config.host} is in use (is Kith already running?); set KITH_PORT to use another`);
    }
    throw error;
  }
  out.result({ url: started.url }, () => out.line(`Kith is running at ${started.url}`));
  out.note(`Data: ${config.databaseUrl ? 'the database of DATABASE_URL' : config.dataDir}. Stop with Ctrl-C.`);
  await untilStopped();
  try {
    await started.app.close();
  } finally {
    await started.runtime.close();
  }
  out.note('Kith has stopped.');
}

export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('run the Kith server on KITH_HOST:KITH_PORT (default 127.0.0.1:4321) with the data of KITH_DATA_DIR or DATABASE_URL')
    .option('--no-log', 'do not log requests')
    .action((options: { log: boolean }, command: Command) => serve(ctx, options, command));
}
