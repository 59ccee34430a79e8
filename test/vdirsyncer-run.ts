// Debian's vdirsyncer as the tests and the CardDAV bench drive it: a config for one address book synced into a
// local folder (<dir>/local/<collection>/), and a run that does not block the event loop (the server answers from
// the same process) and says yes to its prompts.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const VDIRSYNCER = process.env.KITH_VDIRSYNCER ?? '/usr/bin/vdirsyncer';

export function runVdirsyncer(config: string, args: string[]): Promise<{ code: number; output: string; ms: number }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(VDIRSYNCER, args, { env: { ...process.env, VDIRSYNCER_CONFIG: config, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdin.on('error', () => undefined);
    child.stdin.end('y\n'.repeat(20));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output, ms: performance.now() - start }));
  });
}

/** The config of one pair: the server's address books ("from b") into <dir>/local/, the server winning conflicts. */
export function writeVdirsyncerConfig(dir: string, url: string, username: string, password: string): string {
  const config = join(dir, 'config');
  writeFileSync(
    config,
    `[general]
status_path = "${join(dir, 'status')}/"

[pair kith]
a = "kith_local"
b = "kith_remote"
collections = ["from b"]
conflict_resolution = "b wins"

[storage kith_local]
type = "filesystem"
path = "${join(dir, 'local')}/"
fileext = ".vcf"

[storage kith_remote]
type = "carddav"
url = "${url}"
username = "${username}"
password = "${password}"
`,
  );
  return config;
}
