// What every command receives: the run's streams and environment, its global options, and the API to talk to.
import type { Command } from 'commander';
import type { ApiClient } from './api-client.js';
import { withApi, type GlobalOptions } from './connect.js';
import { Output, type CliIo } from './output.js';

export class CommandContext {
  constructor(readonly io: CliIo) {}

  globals(command: Command): GlobalOptions {
    return command.optsWithGlobals<GlobalOptions>();
  }

  output(command: Command): Output {
    return new Output(this.io, this.globals(command).json === true);
  }

  /** Runs `work` against the API (the local database, or --server) and closes it afterwards. */
  withApi(command: Command, work: (api: ApiClient, out: Output) => Promise<void>): Promise<void> {
    const out = this.output(command);
    return withApi(this.globals(command), this.io.env, (api) => work(api, out));
  }
}
