// Door check-in (issue 7): staff links without an account, check-ins that sync from a phone with bad Wi-Fi, walk-ins,
// undo. Filled in by the door check-in work.
import type { AppContext } from './context.js';
import type { OrganizerService } from './organizer.service.js';

export class DoorService {
  constructor(
    protected readonly ctx: AppContext,
    protected readonly organizer: OrganizerService,
  ) {}
}
