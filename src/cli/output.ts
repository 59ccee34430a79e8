// What a command writes: on stdout either the human text or, with --json, the API's JSON and nothing else;
// notes and warnings on stderr.

export interface TextSink {
  write(text: string): unknown;
}

/** The streams and environment of one run of `kith`: the real process's, or a test's. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Whether a person sits at a terminal (stdin and stderr), so that `kith init` may ask questions. */
  isTTY: boolean;
}

export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** With --json, the value as JSON; otherwise the human text that `human` writes. */
  result(value: unknown, human: () => void): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else human();
  }

  line(text = ''): void {
    this.io.stdout.write(`${text}\n`);
  }

  lines(texts: string[]): void {
    for (const text of texts) this.line(text);
  }

  /** To stderr: a warning or a hint, never part of what a script reads. */
  note(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}
