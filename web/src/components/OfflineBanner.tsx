// Says what is happening when the network is gone or captures are waiting on this phone.
import { useOnline, usePendingCaptures } from '../offline/use-offline';

export function OfflineBanner() {
  const online = useOnline();
  const pending = usePendingCaptures();
  const waiting = pending.filter((p) => !p.error).length;
  const refused = pending.length - waiting;
  if (online && waiting === 0 && refused === 0) return null;
  const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
  return (
    <div className={online ? 'banner banner-info' : 'banner banner-offline'} role="status" aria-live="polite">
      {!online ? <strong>You are offline. </strong> : null}
      {waiting > 0
        ? online
          ? `Sending ${people(waiting)} saved on this phone…`
          : `${people(waiting)} saved on this phone, sent when you are back online.`
        : !online
          ? 'People you add are kept on this phone and sent when you are back online.'
          : null}
      {refused > 0 ? ` ${people(refused)} could not be saved: see Add.` : null}
    </div>
  );
}
