// The `kith` command run in-process (runCli) with its output captured: the CLI tests share this one runner.
import { Readable } from 'node:stream';
import { runCli } from '../src/cli/main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runKith(args: string[], options: { dataDir?: string; env?: NodeJS.ProcessEnv; stdin?: string; isTTY?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from(options.stdin ? [options.stdin] : []),
    env: { ...(options.dataDir ? { KITH_DATA_DIR: options.dataDir } : {}), ...options.env },
    isTTY: options.isTTY ?? false,
  });
  return { code, stdout, stderr };
}
