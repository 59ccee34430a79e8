// `kith scan card.jpg`: reads a business card (on this machine: nothing leaves it), prints what it read with how
// sure it is of each field, and asks before saving the person. With --json, the draft as JSON on stdout, saved only
// with --yes too.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import type { ApiClient } from '../api-client.js';
import type { PossibleDuplicate } from '../api-types.js';
import { ask } from '../prompt.js';
import { usageError } from '../cli-error.js';
import { describePerson, fields, formatPhone } from '../format.js';
import type { Output } from '../output.js';

interface ScanOptions {
  back?: string;
  event?: string | false;
  yes?: boolean;
}

interface Field<T = string> {
  value: T;
  confidence: number;
  line: string;
  from: string;
}

interface ScanAnswer {
  scan: {
    id: string;
    eventId: string | null;
    draft: {
      name: Field | null;
      title: Field | null;
      company: Field | null;
      emails: Field[];
      phones: Field<{ number: string; label: string | null }>[];
      websites: Field[];
      address: Field | null;
      socials: Field<{ network: string; handle: string }>[];
      note: string[];
    };
  };
  possibleDuplicates: PossibleDuplicate[];
  timings: Record<string, number>;
}

interface Saved {
  person: { id: string; fullName: string; company: string | null; title: string | null };
}

/** Below this, a field is shown with a "?" (check it). */
const SURE = 0.75;

const sure = (c: number) => Math.round(c * 100) / 100;
const one = (f: Field | null) => (f ? { value: f.value, confidence: sure(f.confidence) } : null);

/** The draft as the issue's JSON: name, title, company, emails[], phones[] of {number, label}, websites[], address. */
export function draftJson(answer: ScanAnswer) {
  const d = answer.scan.draft;
  return {
    scanId: answer.scan.id,
    eventId: answer.scan.eventId,
    name: one(d.name),
    title: one(d.title),
    company: one(d.company),
    emails: d.emails.map(one),
    phones: d.phones.map((p) => ({ number: p.value.number, label: p.value.label, confidence: sure(p.confidence) })),
    websites: d.websites.map(one),
    address: one(d.address),
    socials: d.socials.map((s) => ({ network: s.value.network, handle: s.value.handle, confidence: sure(s.confidence) })),
    note: d.note,
    possibleDuplicates: answer.possibleDuplicates,
  };
}

async function readPhoto(path: string, what: string): Promise<Blob> {
  try {
    return new Blob([new Uint8Array(await readFile(path))]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(`cannot read the ${what} ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
}

function printDraft(out: Output, answer: ScanAnswer): void {
  const d = answer.scan.draft;
  const mark = (c: number) => (c < SURE ? '  (?)' : '');
  const text = (f: Field | null) => (f ? `${f.value}${mark(f.confidence)}` : null);
  out.lines(fields([
    ['name', text(d.name) ?? '(not found: type it in)'],
    ['title', text(d.title)],
    ['company', text(d.company)],
    ...d.emails.map((e): [string, string] => ['email', `${e.value}${mark(e.confidence)}`]),
    ...d.phones.map((p): [string, string] => [p.value.label ? `phone (${p.value.label})` : 'phone', `${formatPhone(p.value.number)}${mark(p.confidence)}`]),
    ...d.websites.map((w): [string, string] => ['website', `${w.value}${mark(w.confidence)}`]),
    ['address', text(d.address)],
    ...d.socials.map((s): [string, string] => [s.value.network, `${s.value.handle}${mark(s.confidence)}`]),
    ...d.note.map((n): [string, string] => ['note', n]),
  ]));
  if ([d.name, d.title, d.company, d.address, ...d.emails, ...d.phones, ...d.websites].some((f) => f && f.confidence < SURE)) {
    out.note('(?) = read with less certainty: check it.');
  }
}

async function save(api: ApiClient, scanId: string): Promise<Saved> {
  return api.post<Saved>(`/cards/scans/${encodeURIComponent(scanId)}/save`);
}

export function registerScan(program: Command, ctx: CommandContext): void {
  program
    .command('scan')
    .description("read a business card's photo (offline, on this machine) and save the person after you check it")
    .argument('<photo>', 'a photo of the card: JPEG, PNG, WebP, AVIF, TIFF or GIF, up to 12 MB')
    .option('--back <photo>', "a photo of the card's back")
    .option('--event <id>', 'met at this event (default: the event you are at, see `kith event here`)')
    .option('--no-event', 'not met at an event, even while you are at one')
    .option('-y, --yes', 'save without asking')
    .addHelpText('after', '\nExamples:\n  kith scan ~/Pictures/card.jpg\n  kith scan card.jpg --back card-back.jpg --yes\n  kith scan card.jpg --json            # the draft as JSON; saves nothing\n  kith scan card.jpg --json --yes      # the draft as JSON, and saves it')
    .action((photo: string, options: ScanOptions, command: Command) =>
      ctx.withApi(command, async (api, out) => {
        const form = new FormData();
        form.append('front', await readPhoto(photo, 'photo'), basename(photo));
        if (options.back) form.append('back', await readPhoto(options.back, 'photo of the back'), basename(options.back));
        if (options.event !== undefined) form.append('eventId', options.event || 'none');

        out.note(`Reading ${basename(photo)}${options.back ? ` and ${basename(options.back)}` : ''}…`);
        const answer = await api.upload<ScanAnswer>('/cards/scan', form, { fields: { eventId: '--event', front: '<photo>', back: '--back' } });
        for (const duplicate of answer.possibleDuplicates) out.note(`${duplicate.message} Compare: kith show ${duplicate.personId}`);

        if (out.json) {
          const saved = options.yes ? await save(api, answer.scan.id) : null;
          if (!saved) await api.delete(`/cards/scans/${encodeURIComponent(answer.scan.id)}`);
          out.result({ ...draftJson(answer), saved: saved?.person ?? null }, () => undefined);
          return;
        }

        out.line(`Read in ${((answer.timings.totalMs ?? 0) / 1000).toFixed(1)} s:`);
        printDraft(out, answer);
        if (!answer.scan.draft.name) {
          await api.delete(`/cards/scans/${encodeURIComponent(answer.scan.id)}`);
          out.note('No name was found, so nothing was saved. Type the person in with `kith add "<name>, …"`.');
          return;
        }
        let go = options.yes === true;
        if (!go && ctx.io.isTTY) {
          const reply = (await ask(ctx.io, `Save ${answer.scan.draft.name.value}? [Y/n] `)).trim().toLowerCase();
          go = reply === '' || reply === 'y' || reply === 'yes';
        }
        if (!go) {
          await api.delete(`/cards/scans/${encodeURIComponent(answer.scan.id)}`);
          out.note(ctx.io.isTTY ? 'Not saved.' : 'Not saved: run it again with --yes to save without being asked.');
          return;
        }
        const saved = await save(api, answer.scan.id);
        out.line(`Saved ${describePerson(saved.person)} (kith show ${saved.person.id})`);
      }),
    );
}
