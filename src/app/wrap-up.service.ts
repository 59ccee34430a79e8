// After the event: its figures, and the wrap-up that brings everyone who came and every speaker into the organizer's
// contacts, met at the event (their own event of it, as host), with a thank-you to those who came and a note to
// those who did not. Running it again adds no one and mails no one twice.
import type { AppContext } from './context.js';
import type { Repositories } from '../db/store.js';
import type { OrganizerService } from './organizer.service.js';
import type { OrganizerMailService } from './organizer-mail.service.js';
import type { PeopleService } from './people.service.js';
import { refreshPerson } from './person-derived.js';
import { ConflictError } from '../core/errors.js';
import { CAN } from '../core/organizer.js';
import { localDateOf } from '../core/calendar-date.js';
import type { HostedEventRecord } from '../db/repositories/organizer.repository.js';

export interface EventFigures {
  /** Held a seat at the end (confirmed), or came. */
  registered: number;
  came: number;
  /** Held a seat and did not come. */
  noShows: number;
  /** Still waiting for a seat (waitlisted, or offered and not claimed). */
  waitlist: number;
  cancelled: number;
  /** Of those who came, how many are in my contacts (after the wrap-up). */
  inContacts: number;
  /** People new to my contacts from this event. */
  newPeople: number;
  wrappedUpAt: string | null;
}

export class WrapUpService {
  constructor(
    private readonly ctx: AppContext,
    private readonly organizer: OrganizerService,
    private readonly mail: OrganizerMailService,
    private readonly people: PeopleService,
  ) {}

  private now(): string {
    return this.ctx.clock.now().toISOString();
  }

  /** What happened: registered (everyone who held or holds a seat), came, no-shows, still waitlisted, new people. */
  async figures(accountId: string, organizationId: string, eventId: string): Promise<EventFigures> {
    const repos = this.ctx.store.repos;
    await this.organizer.requireRole(repos, accountId, organizationId, CAN.seeRegistrations, 'see its figures');
    const event = await this.organizer.requireEvent(repos, organizationId, eventId);
    return this.figuresOf(repos, accountId, event);
  }

  private async figuresOf(repos: Repositories, accountId: string, event: HostedEventRecord): Promise<EventFigures> {
    const all = await repos.organizer.registrations(event.organizationId, event.id, null);
    const came = all.filter((r) => r.checkedInAt !== null);
    const wrap = await repos.organizer.wrapUp(event.id, accountId);
    const people = wrap ? await repos.organizer.wrapUpPeople(accountId, came.map((r) => r.id)) : new Map<string, string>();
    const newPeople = wrap ? (await repos.events.peopleMet(accountId, wrap.eventId)).filter((p) => p.isNew).length : 0;
    return {
      registered: all.filter((r) => r.status === 'confirmed' || r.checkedInAt !== null).length,
      came: came.length,
      noShows: all.filter((r) => r.status === 'confirmed' && r.checkedInAt === null).length,
      waitlist: all.filter((r) => r.status === 'waitlisted' || r.status === 'offered').length,
      cancelled: all.filter((r) => r.status === 'cancelled').length,
      inContacts: people.size,
      newPeople,
      wrappedUpAt: wrap?.updatedAt ?? null,
    };
  }

  /**
   * After the event: everyone who came becomes a person in my contacts, met at the event (my own event of it, made
   * here with the role "hosting"), with their answers in the notes; someone I have already (the same e-mail) is
   * met again, not made twice; a thank-you goes to those who came and a different note to those who did not
   * (honouring unsubscribes). Running it again adds no one and mails no one twice.
   */
  async wrapUp(accountId: string, organizationId: string, eventId: string, notes: { thankYou?: string | null | undefined; noShow?: string | null | undefined } = {}): Promise<EventFigures> {
    return this.ctx.store.transaction(async (repos) => {
      const org = await this.organizer.requireRole(repos, accountId, organizationId, CAN.manageEvents, 'wrap up events');
      const hosted = await this.organizer.requireEvent(repos, organizationId, eventId);
      if (Date.parse(hosted.endsAt) > this.ctx.clock.now().getTime()) throw new ConflictError('KITH_EVENT_NOT_OVER', 'the event has not ended yet: wrap it up afterwards');
      const settings = await repos.accounts.getSettings(accountId);
      const at = this.now();
      const eventDay = localDateOf(new Date(hosted.startsAt), hosted.timeZone);
      // My own event of it: where "met at" points.
      const wrap = await repos.organizer.wrapUp(hosted.id, accountId);
      let mine = wrap ? await repos.events.get(accountId, wrap.eventId) : null;
      if (!mine) {
        const id = this.ctx.newId();
        const fields = { name: hosted.title, startsAt: hosted.startsAt, endsAt: hosted.endsAt, timeZone: hosted.timeZone, place: hosted.place, link: hosted.link, role: 'hosting' as const, goal: settings.defaultGoal };
        await repos.events.insert(accountId, id, fields, at);
        mine = { id, ...fields, createdAt: at, updatedAt: at };
      }
      await repos.organizer.saveWrapUp(hosted.id, accountId, mine.id, at);

      const all = await repos.organizer.registrations(organizationId, hosted.id, null);
      const came = all.filter((r) => r.checkedInAt !== null);
      const speakers = (await repos.speakers.speakers(organizationId, { hostedEventId: hosted.id, status: null })).filter((sp) => sp.status === 'confirmed' || sp.status === 'spoke');
      const known = await repos.organizer.wrapUpPeople(accountId, came.map((r) => r.id));
      const knownSpeakers = await repos.organizer.wrapUpSpeakers(accountId, speakers.map((sp) => sp.id));
      const emails = [...came.map((r) => r.email), ...speakers.map((sp) => sp.email ?? '')].map((e) => e.toLowerCase()).filter((e) => e.includes('@'));
      const byEmail = await repos.contacts.peopleByContact(accountId, 'email', emails);
      // One person per attendee or speaker: the one it became before, else the one with its e-mail, else a new one.
      const meet = async (who: { fullName: string; email: string | null; company: string | null; title: string | null }, before: string | undefined, note: string | null): Promise<string> => {
        let personId = before ?? (who.email ? byEmail.get(who.email.toLowerCase()) : undefined) ?? null;
        if (personId) {
          await this.people.recordMeeting(repos, accountId, mine, personId, false, eventDay, at);
          const person = await repos.people.get(accountId, personId);
          if (person && note && !(person.notes ?? '').includes(note)) await repos.people.update(accountId, personId, { notes: person.notes ? `${person.notes}\n\n${note}` : note }, at);
        } else {
          const email = who.email?.includes('@') ? who.email : null;
          personId = await this.people.insertPerson(repos, accountId, settings, { fullName: who.fullName, company: who.company, title: who.title, emails: email ? [{ value: email }] : [], notes: note, source: 'rsvp' }, null);
          if (email) byEmail.set(email.toLowerCase(), personId);
          await repos.people.update(accountId, personId, { metEventId: mine.id, metOn: eventDay }, at);
          await this.people.recordMeeting(repos, accountId, mine, personId, true, eventDay, at);
        }
        await refreshPerson(repos, accountId, personId, settings);
        return personId;
      };
      for (const r of came) {
        const answers = hosted.questions.filter((q) => r.answers[q.id]).map((q) => `${q.label} ${r.answers[q.id]}`);
        const personId = await meet(r, known.get(r.id), answers.length ? `At ${hosted.title}: ${answers.join(' · ')}` : null);
        await repos.organizer.saveWrapUpPerson(r.id, accountId, personId, at);
      }
      for (const sp of speakers) {
        const personId = await meet(sp, knownSpeakers.get(sp.id), `Spoke at ${hosted.title}${sp.topic ? ` on ${sp.topic}` : ''}.`);
        await repos.organizer.saveWrapUpSpeaker(sp.id, accountId, personId, at);
      }
      // A thank-you to those who came, a different note to those who held a seat and did not.
      for (const r of came) await this.mail.send(repos, org, hosted, r, 'thank-you', null, notes.thankYou ?? null);
      for (const r of all.filter((x) => x.status === 'confirmed' && x.checkedInAt === null)) await this.mail.send(repos, org, hosted, r, 'no-show', null, notes.noShow ?? null);
      return this.figuresOf(repos, accountId, hosted);
    });
  }
}
