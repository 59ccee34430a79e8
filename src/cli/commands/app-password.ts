// `kith app-password`: the passwords phones and other CardDAV clients sync with (docs/carddav.md). `kith
// app-password` lists them, `kith app-password new <device>` makes one and prints it once with the address and user
// name to type into the device, `kith app-password revoke <device or id>` stops one.
import type { Command } from 'commander';
import type { AppPassword, AppPasswordList, NewAppPassword } from '../api-types.js';
import type { CommandContext } from '../command-context.js';
import { publicBaseUrl } from '../connect.js';
import { CliError } from '../cli-error.js';

function when(instant: string | null): string {
  return instant ? `${instant.slice(0, 16).replace('T', ' ')} UTC` : 'never';
}

export function registerAppPassword(program: Command, ctx: CommandContext): void {
  const passwords = program
    .command('app-password')
    .description('passwords for phones and other CardDAV clients to sync contacts with (list, new, revoke)')
    .addHelpText('after', '\nExamples:\n  kith app-password\n  kith app-password new "Ada\'s iPhone" --base-url https://kith.example.com\n  kith app-password revoke "Ada\'s iPhone"')
    .action((_options: unknown, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        const list = await api.get<AppPasswordList>('/app-passwords');
        out.result(list, () => {
          if (list.items.length === 0) {
            out.line('No app passwords. `kith app-password new <device>` makes one for a phone.');
            return;
          }
          for (const p of list.items) out.line(`${p.name}  ${p.prefix}…  made ${when(p.createdAt)}, last used ${when(p.lastUsedAt)}  (${p.id})`);
        });
      }),
    );

  passwords
    .command('new')
    .description('make an app password for one device (shown once), with the address and user name to type in')
    .argument('<device>', 'what it is for, e.g. "iPhone" (quote several words)')
    .option('--base-url <url>', 'the address the device reaches Kith at (default: the --server URL, or http://localhost:KITH_PORT)')
    .action((device: string, options: { baseUrl?: string }, command: Command) => {
      const { baseUrl, guessed } = publicBaseUrl(ctx.globals(command), ctx.io.env, options.baseUrl);
      return ctx.withApi(command, async (api, out) => {
        const created = await api.post<NewAppPassword>('/app-passwords', { name: device }, { fields: { name: 'device' } });
        const { carddav } = await api.get<AppPasswordList>('/app-passwords');
        out.result({ ...created, server: baseUrl, username: carddav.username, addressBook: `${baseUrl}${carddav.addressBook}` }, () => {
          out.line(`App password for "${created.record.name}":`);
          out.line(`  ${created.password}`);
          out.line(`Server:    ${baseUrl}`);
          out.line(`User name: ${carddav.username}`);
          out.line(`Address book (for clients that ask for the full URL): ${baseUrl}${carddav.addressBook}`);
        });
        out.note('Type it into the device now: it is shown only this once. Steps for an iPhone and for DAVx5 are in docs/carddav.md.');
        if (guessed) out.note('The device must reach this address: if Kith is served elsewhere, use --base-url https://your-kith-address.');
      });
    });

  passwords
    .command('revoke')
    .description('stop an app password: the device using it can no longer sync')
    .argument('<device>', 'the name given to it, or its id (from `kith app-password`)')
    .action((device: string, _options: unknown, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        const { items } = await api.get<AppPasswordList>('/app-passwords');
        const byId = items.find((p) => p.id === device);
        const byName = items.filter((p) => p.name.toLowerCase() === device.trim().toLowerCase());
        if (!byId && byName.length > 1) {
          throw new CliError(`${byName.length} app passwords are named "${device}": revoke one by its id (${byName.map((p) => p.id).join(', ')})`);
        }
        const target: AppPassword | undefined = byId ?? byName[0];
        if (!target) throw new CliError(`no app password named "${device}" (\`kith app-password\` lists them)`);
        await api.delete(`/app-passwords/${target.id}`);
        out.result({ revoked: target }, () => out.line(`Revoked "${target.name}": that device can no longer sync.`));
      }),
    );
}
