// Door check-in for staff with a shared link (/door/<token>), no account needed (issue 7). Phone-first: search by
// name as you type, one big button per person, the camera for QR codes, walk-ins. Everything done here is kept on
// the phone and synced in order (use-door.ts), so bad Wi-Fi never loses or doubles a check-in.
import { lazy, Suspense, useDeferredValue, useState } from 'react';
import { useDoor } from './use-door';
import type { DoorPerson } from './door-api';
import './door.css';

const QrScanner = lazy(() => import('./QrScanner').then((m) => ({ default: m.QrScanner })));

/** Lower case without accents: "José" is found by "jose". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const STATUS_WORDS: Record<string, string> = { offered: 'seat offered', waitlisted: 'waitlisted', pending: 'awaiting approval', unconfirmed: 'e-mail not confirmed' };

function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

function PersonRow({ person, onCheckIn, onUndo }: { person: DoorPerson; onCheckIn: () => void; onUndo: () => void }) {
  const details = [person.badgeName && person.badgeName !== person.fullName ? `“${person.badgeName}”` : null, person.company, person.title].filter(Boolean).join(' · ');
  const notConfirmed = person.status !== 'confirmed';
  return (
    <li className={person.checkedInAt ? 'door-person is-in' : 'door-person'}>
      <div className="door-who">
        <strong>{person.fullName}</strong>
        {details ? <small>{details}</small> : null}
        {notConfirmed ? <small className="door-status">{STATUS_WORDS[person.status] ?? person.status}</small> : null}
        {person.checkedInAt ? <small className="door-in">Checked in</small> : null}
      </div>
      {person.checkedInAt ? (
        <button type="button" className="secondary door-big" onClick={onUndo} aria-label={`Undo check-in of ${person.fullName}`}>
          Undo
        </button>
      ) : (
        <button type="button" className={notConfirmed ? 'contrast door-big' : 'door-big'} onClick={onCheckIn} aria-label={`${notConfirmed ? 'Let in anyway' : 'Check in'} ${person.fullName}`}>
          {notConfirmed ? 'Let in anyway' : 'Check in'}
        </button>
      )}
    </li>
  );
}

function WalkInForm({ onAdd, onClose }: { onAdd: (fullName: string, email: string, company: string) => void; onClose: () => void }) {
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [company, setCompany] = useState('');
  return (
    <form
      className="door-walk-in"
      aria-label="Add a walk-in"
      onSubmit={(e) => {
        e.preventDefault();
        if (!fullName.trim()) return;
        onAdd(fullName.trim(), email.trim(), company.trim());
        onClose();
      }}
    >
      <p>A walk-in is let in and checked in at once, even when the event is full: a person standing at the door is let in.</p>
      <label>
        Name
        <input value={fullName} onChange={(e) => setFullName(e.target.value)} required maxLength={200} autoComplete="off" />
      </label>
      <label>
        E-mail (optional)
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoComplete="off" />
      </label>
      <label>
        Company (optional)
        <input value={company} onChange={(e) => setCompany(e.target.value)} maxLength={200} autoComplete="off" />
      </label>
      <div className="door-row">
        <button type="submit">Add and check in</button>
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export default function DoorScreen({ token }: { token: string }) {
  const door = useDoor(token);
  const [query, setQuery] = useState('');
  const [panel, setPanel] = useState<'none' | 'scan' | 'walk-in'>('none');
  const deferred = useDeferredValue(query);

  if (door.dead) {
    return (
      <main className="container door">
        <h1>This door link no longer works</h1>
        <p>{door.dead}</p>
      </main>
    );
  }
  if (!door.list) {
    return (
      <main className="container door">
        <h1>Door check-in</h1>
        <p role="status">{door.reached ? 'Loading the door list…' : 'No connection, and this phone has no copy of the door list yet: connect once to load it.'}</p>
      </main>
    );
  }

  const { event } = door.list;
  const terms = fold(deferred.trim()).split(/\s+/).filter(Boolean);
  const shown = terms.length ? door.people.filter((p) => terms.every((t) => fold(`${p.fullName} ${p.badgeName ?? ''} ${p.company ?? ''}`).includes(t))) : door.people;
  const confirmed = door.people.filter((p) => p.status === 'confirmed');
  const checkedIn = door.people.filter((p) => p.checkedInAt).length;

  return (
    <main className="container door">
      <header className="door-header">
        <small>{event.organizationName}</small>
        <h1>{event.title}</h1>
        <small>
          {when(event.startsAt, event.timeZone)}
          {event.place ? ` · ${event.place}` : ''}
          {event.cancelled ? ' · cancelled' : ''}
        </small>
        <p className="door-count" aria-live="polite">
          <strong>{checkedIn}</strong> of {confirmed.length} checked in
        </p>
        <p className={door.reached ? 'door-sync' : 'door-sync is-offline'} role="status" aria-live="polite">
          {!door.reached ? 'Offline: check-ins are kept on this phone. ' : null}
          {door.waiting > 0 ? `${door.waiting} waiting to sync` : door.reached ? 'All synced' : null}
        </p>
      </header>

      {door.notices.map((n) => (
        <div key={n.id} className="door-notice" role="alert">
          <span>{n.text}</span>
          {n.admit ? (
            <button
              type="button"
              className="contrast"
              onClick={() => {
                door.checkIn(n.admit!);
                door.dismiss(n.id);
              }}
            >
              Let in anyway
            </button>
          ) : null}
          <button type="button" className="secondary outline" onClick={() => door.dismiss(n.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}

      <div className="door-row door-tools">
        <button type="button" onClick={() => setPanel(panel === 'scan' ? 'none' : 'scan')}>
          Scan QR
        </button>
        <button type="button" className="secondary" onClick={() => setPanel(panel === 'walk-in' ? 'none' : 'walk-in')}>
          Add walk-in
        </button>
      </div>
      {panel === 'scan' ? (
        <Suspense fallback={<p>Opening the camera…</p>}>
          <QrScanner onCode={door.checkInCode} onClose={() => setPanel('none')} />
        </Suspense>
      ) : null}
      {panel === 'walk-in' ? <WalkInForm onAdd={door.walkIn} onClose={() => setPanel('none')} /> : null}
      {door.queuedCodes.length ? <p className="door-sync">Scanned, waiting to sync: {door.queuedCodes.join(', ')}</p> : null}

      <input type="search" className="door-search" placeholder="Search by name" aria-label="Search by name" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      <ul className="door-list" aria-label="Door list">
        {shown.map((p) => (
          <PersonRow key={p.id} person={p} onCheckIn={() => door.checkIn(p)} onUndo={() => door.undo(p)} />
        ))}
      </ul>
      {shown.length === 0 ? <p>{terms.length ? 'Nobody by that name: add them as a walk-in?' : 'Nobody has registered yet.'}</p> : null}
    </main>
  );
}
