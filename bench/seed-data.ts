// What the seeded people look like: a seeded PRNG and word lists with accents (José, Müller, Zoë…) so that search
// folding is exercised. Pure data, no database: seed.ts turns it into rows.

export { mulberry32 } from '../test/prng.js';

export type Rng = () => number;

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

/** A UUIDv7-shaped id whose time part is `ms`, so ids sort in the order people were added, as Kith's do. */
export function uuidV7At(ms: number, rng: Rng): string {
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0');
  const time = hex(ms, 12);
  const rand = (digits: number) => Array.from({ length: digits }, () => hex(rng() * 16, 1)).join('');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${rand(3)}-${hex(8 + rng() * 4, 1)}${rand(3)}-${rand(12)}`;
}

export const FIRST_NAMES = [
  'José', 'Zoë', 'Chloé', 'François', 'Björn', 'Søren', 'Łukasz', 'Ana-María', 'Renée', 'Noémie', 'Jürgen', 'Maëlle',
  'Ångström', 'Inès', 'Jonas', 'Joanna', 'John', 'Johanna', 'Joaquín', 'Mateo', 'Maria', 'Marta', 'Martín', 'Miguel',
  'Olivia', 'Oliver', 'Emma', 'Noah', 'Liam', 'Sofía', 'Lucía', 'Hugo', 'Léa', 'Chiara', 'Giulia', 'Alessandro',
  'Aoife', 'Siobhán', 'Niamh', 'Seán', 'Dmitri', 'Anya', 'Katarzyna', 'Zsófia', 'Ádám', 'Çelik', 'Ayşe', 'Oğuz',
  'Priya', 'Arjun', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Kwame', 'Amara', 'Thandiwe', 'Nnamdi', 'Fatima', 'Omar',
  'Sarah', 'David', 'Rachel', 'Daniel', 'Laura', 'Peter', 'Paul', 'Pauline', 'Grace', 'Henry', 'Isabel', 'Ignacio',
];

export const LAST_NAMES = [
  'Müller', 'García', 'Sánchez', 'Núñez', 'Dvořák', 'Ødegaard', 'Strauß', 'Łęcki', 'Kowalski', 'Johansson', 'Jónsdóttir',
  'Gómez', 'Martínez', 'Fernández', 'López', 'Pérez', 'Rodríguez', 'Moreau', 'Lefèvre', 'Dubois', 'Girard', 'Bernard',
  'Schmidt', 'Schneider', 'Fischer', 'Weiß', 'Köhler', 'Öztürk', 'Yılmaz', 'Rossi', 'Russo', 'Bianchi', 'Ricci',
  "O'Brien", 'Murphy', 'Kelly', 'Walsh', 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Thomas',
  'Nakamura', 'Tanaka', 'Suzuki', 'Chen', 'Wang', 'Li', 'Zhang', 'Patel', 'Sharma', 'Singh', 'Okafor', 'Mensah',
  'Nowak', 'Wiśniewski', 'Horváth', 'Novák', 'Svensson', 'Nielsen', 'Hansen', 'Virtanen', 'Korhonen', 'Ionescu',
  'Papadopoulos', 'Cohen', 'Levi', 'Haddad', 'Mansour', 'da Silva', 'Gonçalves', 'Araújo', 'van der Berg', 'de Jong',
];

export const COMPANIES = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Pied Piper', 'Stark Industries', 'Wayne Enterprises', 'Soylent',
  'Vandelay Industries', 'Zürich Versicherung', 'Société Générale', 'Nestlé', 'Telefónica', 'Škoda', 'Café Müller',
  'Björk Design', 'Åland Shipping', 'Øresund Labs', 'Crème Studio', 'Señor Tacos', 'Müller & Söhne', 'Lumière Films',
  'Northwind', 'Contoso', 'Fabrikam', 'Tailspin Toys', 'Wingtip', 'Adventure Works', 'Litware', 'Proseware',
  'Blue Yonder', 'Red Herring', 'Green Leaf', 'Yellowstone Capital', 'Orbital', 'Quantum Dynamics', 'Nimbus Cloud',
  'Helix Bio', 'Cobalt Robotics', 'Juniper Health', 'Maple Finance', 'Cedar Legal', 'Birch Media', 'Aspen Energy',
];

export const TITLES = [
  'CEO', 'CTO', 'Founder', 'Co-founder', 'Engineer', 'Senior Engineer', 'Designer', 'Product Manager', 'Head of Sales',
  'Marketing Lead', 'Recruiter', 'Investor', 'Partner', 'Consultant', 'Data Scientist', 'Researcher', 'Journalist',
  'Professor', 'Student', 'Director of Operations', 'Chef', 'Architect', 'Lawyer', 'Doctor', 'Photographer',
];

export const COMMONALITIES: { kind: 'interest' | 'challenge' | 'shared' | 'personal'; text: string }[] = [
  { kind: 'interest', text: 'opera' }, { kind: 'interest', text: 'trail running' }, { kind: 'interest', text: 'jazz' },
  { kind: 'interest', text: 'sourdough baking' }, { kind: 'interest', text: 'chess' }, { kind: 'interest', text: 'Pokémon cards' },
  { kind: 'interest', text: 'climbing' }, { kind: 'interest', text: 'Brontë novels' }, { kind: 'interest', text: 'café culture' },
  { kind: 'interest', text: 'sailing' }, { kind: 'interest', text: 'photography' }, { kind: 'interest', text: 'board games' },
  { kind: 'challenge', text: 'hiring engineers' }, { kind: 'challenge', text: 'fundraising' }, { kind: 'challenge', text: 'moving to Zürich' },
  { kind: 'challenge', text: 'learning Spanish' }, { kind: 'challenge', text: 'burnout' }, { kind: 'challenge', text: 'scaling support' },
  { kind: 'shared', text: 'same university' }, { kind: 'shared', text: 'both from Kraków' }, { kind: 'shared', text: 'ex-Globex' },
  { kind: 'shared', text: 'same running club' }, { kind: 'personal', text: 'two kids' }, { kind: 'personal', text: 'a dog called Crème' },
  { kind: 'personal', text: 'new baby' }, { kind: 'personal', text: 'training for a marathon' }, { kind: 'personal', text: 'loves Malmö' },
];

export const NOTES = [
  'Wants an intro to someone in fintech.', 'Met over coffee; very keen on open source.', 'Follow up about the white paper.',
  'Speaks at conferences; ask about the next one.', 'Looking for a co-founder.', 'Prefers calls to e-mail.',
  'Knows everyone in the Zürich startup scene.', 'Hiring a designer soon.', 'Recommended a book on négociation.',
];

export const PROMISE_TEXTS = [
  'send the white paper', 'intro to Zoë at Hooli', 'share the slides', 'send the recipe', 'book a coffee',
  'review their deck', 'send the job description', 'forward the conference link',
];

export const EVENT_NAMES = [
  'Tech Breakfast', 'Founders Drinks', 'Design Meetup', 'JS Conf', 'Café Crème Mixer', 'Zürich Startup Night',
  'Data Summit', 'Product Camp', 'Open Source Day', 'Fintech Forum', 'Women in Tech Lunch', 'Berlin Hack Night',
];

export const TOUCH_KINDS = ['email', 'email', 'email', 'call', 'meeting', 'message', 'message', 'sent_something', 'event_together', 'note'] as const;

/** Stage shares: most people are just met or talking; a few are clients; some have gone dormant. */
export const STAGE_WEIGHTS: [stage: 'met' | 'talking' | 'relationship' | 'client' | 'dormant', weight: number][] = [
  ['met', 0.35],
  ['talking', 0.25],
  ['relationship', 0.15],
  ['client', 0.1],
  ['dormant', 0.15],
];

export function pickWeighted<T>(rng: Rng, weights: readonly [T, number][]): T {
  let r = rng();
  for (const [value, weight] of weights) {
    r -= weight;
    if (r < 0) return value;
  }
  return weights[weights.length - 1]![0];
}

/** Prefixes that match no seeded word, so "nothing found" is part of the mix. */
export const NO_MATCH_PREFIXES = ['qzx', 'xq', 'vvq', 'zzyq', 'qjx', 'wxqz'];
