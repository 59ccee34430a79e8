// Quick capture: one typed line becomes a person with commonalities and promises (habit 3), with a preview of how
// the line is read and a warning when it looks like someone already known.
import type { AppContext } from './context.js';
import type { CreatedPerson, PeopleService } from './people.service.js';
import type { EventsService } from './events.service.js';
import { refreshPerson } from './person-derived.js';
import { captureOnce, capturedPerson } from './capture-once.js';
import { ValidationError } from '../core/errors.js';
import { localDateOf } from '../core/calendar-date.js';
import { parseQuickCapture, type QuickCaptureResult } from '../core/quick-capture.js';
import type { PossibleDuplicate } from '../core/duplicate-check.js';
import type { CountryCode } from 'libphonenumber-js/max';
import type { PromiseRecord } from '../core/records.js';

export interface CapturePreview {
  parsed: QuickCaptureResult;
  possibleDuplicates: PossibleDuplicate[];
}

export interface Captured extends CreatedPerson {
  parsed: QuickCaptureResult;
  promises: PromiseRecord[];
  /** True when the request id was seen before: nothing was made, and this is what the first request made. */
  replayed: boolean;
}

export class CaptureService {
  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeopleService,
    private readonly events: EventsService,
  ) {}

  private async parse(accountId: string, line: string): Promise<QuickCaptureResult> {
    const settings = await this.ctx.store.repos.accounts.getSettings(accountId);
    const parsed = parseQuickCapture(line, { defaultRegion: settings.defaultRegion as CountryCode, today: localDateOf(this.ctx.clock.now(), settings.timeZone) });
    if (!parsed.fullName) {
      throw new ValidationError([{ path: 'text', message: 'start the line with a name, e.g. "Jane Doe, CTO at Acme, loves opera"' }], 'KITH_CAPTURE_NO_NAME');
    }
    return parsed;
  }

  async preview(accountId: string, line: string): Promise<CapturePreview> {
    const parsed = await this.parse(accountId, line);
    const possibleDuplicates = await this.people.duplicatesOf(
      this.ctx.store.repos,
      accountId,
      { fullName: parsed.fullName!, company: parsed.company, emails: parsed.emails, phones: parsed.phones },
      null,
    );
    return { parsed, possibleDuplicates };
  }

  /**
   * Creates the person; at an event (given, or the one I said I am at) they count as met there. With a request id
   * the capture is made once: sent again, it makes nothing and answers with the person as they are now.
   */
  async capture(accountId: string, line: string, eventId?: string | null, requestId?: string): Promise<Captured> {
    const parsed = await this.parse(accountId, line);
    const atEvent = eventId === undefined ? ((await this.events.current(accountId))?.id ?? null) : eventId;
    const outcome = await captureOnce(this.ctx.store, accountId, requestId, () => this.ctx.clock.now().toISOString(), async (repos) => {
      const settings = await repos.accounts.getSettings(accountId);
      const event = atEvent ? await this.people.requireEvent(repos, accountId, atEvent) : null;
      const personId = await this.people.insertPerson(
        repos,
        accountId,
        settings,
        {
          fullName: parsed.fullName!,
          company: parsed.company,
          title: parsed.title,
          notes: parsed.note,
          emails: parsed.emails,
          phones: parsed.phones,
          links: parsed.links,
          commonalities: parsed.commonalities.map((c) => ({ kind: c.kind, text: c.text })),
          introducedBy: parsed.introducedBy,
          source: 'typed',
        },
        event,
      );
      const promises: PromiseRecord[] = [];
      for (const p of parsed.promises) {
        promises.push(await this.people.insertPromise(repos, accountId, personId, settings, { direction: p.direction, text: p.text, dueOn: p.dueOn, eventId: event?.id ?? null }));
      }
      const person = (await refreshPerson(repos, accountId, personId, settings))!;
      const possibleDuplicates = await this.people.duplicatesOf(repos, accountId, person, personId);
      return { result: { person, possibleDuplicates, parsed, promises, replayed: false }, personId, promiseIds: promises.map((p) => p.id) };
    });
    if (outcome.made) return outcome.made;
    const repos = this.ctx.store.repos;
    const person = await capturedPerson(repos, accountId, outcome.earlier);
    const promises = await repos.activity.promisesByIds(accountId, outcome.earlier.promiseIds);
    return { person, possibleDuplicates: [], parsed, promises, replayed: true };
  }
}
