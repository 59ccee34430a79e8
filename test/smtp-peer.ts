// A real SMTP server for the mail tests (npm smtp-server on 127.0.0.1, a random port): it keeps what arrives, and can
// be told to refuse (550, 451). A little MIME reader lets tests read the headers and the text and HTML parts.
import { createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: string;
}

export type PeerMode = 'accept' | 'refuse-550' | 'refuse-451';

export interface SmtpPeer {
  port: number;
  url: string;
  received: ReceivedMessage[];
  mode: PeerMode;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startSmtpPeer(port = 0): Promise<SmtpPeer> {
  const peer = { received: [] as ReceivedMessage[], mode: 'accept' as PeerMode };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (peer.mode === 'refuse-550') return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      if (peer.mode === 'refuse-451') return callback(Object.assign(new Error('4.3.0 try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        peer.received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return Object.assign(peer, {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** Waits until `check` holds, up to `timeoutMs`. */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// --- reading what arrived ---

export interface ReadMessage {
  headers: Map<string, string>;
  text: string;
  html: string;
  /** The text/calendar part, decoded (a calendar invitation). */
  calendar: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const match = /\r?\n\r?\n/.exec(raw.slice(at));
  return { head: raw.slice(0, at), body: raw.slice(at + (match?.[0].length ?? 0)) };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Decodes RFC 2047 encoded words ("=?UTF-8?Q?…?=") in a header. */
export function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, kind: string, text: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

export function readMessage(raw: string): ReadMessage {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const result: ReadMessage = { headers, text: '', html: '', calendar: '' };
  const visit = (partHeaders: Map<string, string>, partBody: string) => {
    const type = partHeaders.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      const pieces = partBody.split(`--${boundary}`).slice(1);
      for (const piece of pieces) {
        if (piece.startsWith('--')) break;
        const inner = splitHead(piece.replace(/^\r?\n/, ''));
        visit(parseHeaders(inner.head), inner.body.replace(/\r?\n$/, ''));
      }
    } else if (/^text\/html/i.test(type)) {
      result.html += decodeBody(partHeaders, partBody);
    } else if (/^text\/plain/i.test(type)) {
      result.text += decodeBody(partHeaders, partBody);
    } else if (/^text\/calendar/i.test(type)) {
      result.calendar += decodeBody(partHeaders, partBody);
    }
  };
  visit(headers, body);
  return result;
}
