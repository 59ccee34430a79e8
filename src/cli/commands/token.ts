// `kith token create <name>`: an API token for scripts and for `kith --server URL --token T` elsewhere.
import type { Command } from 'commander';
import type { CreatedToken } from '../api-types.js';
import type { CommandContext } from '../command-context.js';

export function registerToken(program: Command, ctx: CommandContext): void {
  const tokens = program.command('token').description('API tokens: create');
  tokens
    .command('create')
    .description('make an API token (shown once) for scripts or `kith --server URL --token T`')
    .argument('<name>', 'what it is for, e.g. "laptop" (quote several words)')
    .action((name: string, _options: unknown, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        const created = await api.post<CreatedToken>('/tokens', { name }, { fields: { name: 'name' } });
        out.result(created, () => {
          out.line(`API token "${created.record.name}":`);
          out.line(`  ${created.token}`);
        });
        out.note('Store it now (in a password manager, say): it is shown only this once. Use it as KITH_TOKEN or with --token.');
      }),
    );
}
