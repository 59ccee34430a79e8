// The secrets in links Kith mails (a registrant's page, a speaker's answer, a door, an unsubscribe): 32 random bytes,
// base64url in the link, only their SHA-256 stored.
import { createHash, randomBytes } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');
/** What a registration's door QR code holds: random, unguessable, unique. */
export const newDoorCode = (): string => `kith-door-${randomBytes(16).toString('base64url')}`;
