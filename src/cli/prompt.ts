// Questions at the terminal for `kith init`: asked on stderr (stdout stays for results), the password unechoed.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError, EXIT } from './cli-error.js';
import type { CliIo } from './output.js';

export async function ask(io: CliIo, question: string, options: { hidden?: boolean } = {}): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      if (!muted) io.stderr.write(chunk.toString());
      done();
    },
  });
  const rl = createInterface({ input: io.stdin, output, terminal: true });
  try {
    return await new Promise<string>((resolve, reject) => {
      rl.on('SIGINT', () => reject(new CliError('cancelled', EXIT.interrupted)));
      rl.on('close', () => reject(new CliError('no answer (the input ended)', EXIT.failed)));
      rl.question(question, resolve);
      // The question is on screen; from here on, what is typed is not echoed when it is a password.
      muted = options.hidden === true;
    });
  } finally {
    rl.close();
    if (muted) io.stderr.write('\n');
  }
}

/** All of a stream, as text: the password of `--password-stdin`, without the newline that ends it. */
export async function readSecretFrom(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
