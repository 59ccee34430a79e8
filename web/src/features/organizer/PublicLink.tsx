// An event's public page: its address to copy into an invitation, and a link to open it.
import { useId } from 'react';
import type { HostedEvent } from '../../api/types';
import { useToast } from '../../components/Toasts';
import { publicUrl } from './organizer-api';

export function PublicLink({ event }: { event: HostedEvent }) {
  const toast = useToast();
  const id = useId();
  const url = publicUrl(event);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      toast.show('Link copied.');
    } catch {
      toast.show('Copying is not allowed here: select the address and copy it.');
    }
  };
  return (
    <div className="public-link">
      <label htmlFor={id}>Public page</label>
      <div className="row">
        <input id={id} readOnly value={url} onFocus={(e) => e.target.select()} />
        <button type="button" className="secondary" onClick={() => void copy()} aria-label={`Copy the link to ${event.title}`}>
          Copy
        </button>
        <a href={event.publicPath} target="_blank" rel="noopener" role="button" className="secondary outline" aria-label={`Open the public page of ${event.title} (new tab)`}>
          Open
        </a>
      </div>
    </div>
  );
}
