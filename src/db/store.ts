// The storage the app layer sees: repositories bound to the database, or to one transaction.
import type { OpenDatabase } from './create-db.js';
import type { DialectName } from './dialect.js';
import type { Executor } from './repositories/executor.js';
import { AccountRepository } from './repositories/account.repository.js';
import { ActivityRepository } from './repositories/activity.repository.js';
import { CaptureRequestRepository } from './repositories/capture-request.repository.js';
import { CardRepository } from './repositories/card.repository.js';
import { EventRepository } from './repositories/event.repository.js';
import { ExportRepository } from './repositories/export.repository.js';
import { PersonRepository } from './repositories/person.repository.js';
import { PersonQueryRepository } from './repositories/person-query.repository.js';
import { peopleSearchFor, type PeopleSearch } from './search/people-search.js';
import { SuggestionRepository } from './repositories/suggestion.repository.js';
import { ShareRepository } from './repositories/share.repository.js';
import { CalendarFeedRepository } from './repositories/calendar-feed.repository.js';
import { OutboxRepository } from './repositories/outbox.repository.js';
import { DigestRepository } from './repositories/digest.repository.js';
import { JobRepository } from './repositories/job.repository.js';
import { ContactsRepository } from './repositories/contacts.repository.js';
import { DuplicatesRepository } from './repositories/duplicates.repository.js';
import { CardDavRepository } from './repositories/carddav.repository.js';
import { OrganizerRepository } from './repositories/organizer.repository.js';
import { SpeakerRepository } from './repositories/speaker.repository.js';
import { DoorRepository } from './repositories/door.repository.js';

export interface Repositories {
  accounts: AccountRepository;
  people: PersonRepository;
  peopleQueries: PersonQueryRepository;
  activity: ActivityRepository;
  events: EventRepository;
  exports: ExportRepository;
  captureRequests: CaptureRequestRepository;
  cards: CardRepository;
  suggestions: SuggestionRepository;
  shares: ShareRepository;
  calendarFeeds: CalendarFeedRepository;
  outbox: OutboxRepository;
  digests: DigestRepository;
  jobs: JobRepository;
  contacts: ContactsRepository;
  duplicates: DuplicatesRepository;
  carddav: CardDavRepository;
  organizer: OrganizerRepository;
  speakers: SpeakerRepository;
  door: DoorRepository;
  searchPeople(accountId: string, words: string[], limit: number, offset: number): ReturnType<PeopleSearch['search']>;
}

export class Store {
  readonly dialect: DialectName;
  private readonly search: PeopleSearch;
  private readonly root: Repositories;

  constructor(private readonly database: OpenDatabase) {
    this.dialect = database.dialect;
    this.search = peopleSearchFor(database.dialect);
    this.root = this.bind(database.db);
  }

  get db() {
    return this.database.db;
  }

  /** Repositories outside a transaction: for reads. */
  get repos(): Repositories {
    return this.root;
  }

  /** Runs `work` in one transaction: everything it writes lands, or nothing does. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return this.database.db.transaction().execute((trx) => work(this.bind(trx)));
  }

  close(): Promise<void> {
    return this.database.close();
  }

  private bind(executor: Executor): Repositories {
    return {
      accounts: new AccountRepository(executor),
      people: new PersonRepository(executor),
      peopleQueries: new PersonQueryRepository(executor),
      activity: new ActivityRepository(executor),
      events: new EventRepository(executor),
      exports: new ExportRepository(executor),
      captureRequests: new CaptureRequestRepository(executor),
      cards: new CardRepository(executor),
      suggestions: new SuggestionRepository(executor),
      shares: new ShareRepository(executor),
      calendarFeeds: new CalendarFeedRepository(executor),
      outbox: new OutboxRepository(executor, this.database.dialect),
      digests: new DigestRepository(executor),
      jobs: new JobRepository(executor, this.database.dialect),
      contacts: new ContactsRepository(executor),
      duplicates: new DuplicatesRepository(executor),
      carddav: new CardDavRepository(executor),
      organizer: new OrganizerRepository(executor, this.database.dialect),
      speakers: new SpeakerRepository(executor, this.database.dialect),
      door: new DoorRepository(executor, this.database.dialect),
      searchPeople: (accountId, words, limit, offset) => this.search.search(executor, accountId, words, limit, offset),
    };
  }
}
