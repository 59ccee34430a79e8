// The speaker pipeline (issue 7): prospect → invited → accepted / declined → confirmed → spoke. Filled in by the
// speaker pipeline work.
import type { AppContext } from './context.js';
import type { OutboxService } from './outbox.service.js';
import type { MailSetup } from './mailer.js';
import type { OrganizerService } from './organizer.service.js';

export class SpeakerService {
  constructor(
    protected readonly ctx: AppContext,
    protected readonly outbox: OutboxService,
    protected readonly mail: MailSetup,
    protected readonly organizer: OrganizerService,
  ) {}

  /** Called by the scheduler every round: the nudges that are due. Returns how many were written. */
  async sendDue(): Promise<number> {
    return 0;
  }
}
