// Quick capture: one typed line becomes a person. A live preview shows how it will be read, and warns when it may
// be someone already known. Saved on the phone first, so it works offline too.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { api, messageOf, sentence } from '../../api/client';
import { useCurrentEvent } from '../../api/queries';
import type { ParsedCapture, PossibleDuplicate } from '../../api/types';
import { TextArea } from '../../components/Field';
import { PageTitle } from '../../components/Page';
import { useToast } from '../../components/Toasts';
import { useDraft } from '../../components/use-draft';
import { captureLine, discardCapture, retryCapture } from '../../offline/capture-queue';
import { usePendingCaptures } from '../../offline/use-offline';

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}


function Preview({ parsed, duplicates }: { parsed: ParsedCapture; duplicates: PossibleDuplicate[] }) {
  const rows: [string, string][] = [];
  if (parsed.fullName) rows.push(['Name', parsed.fullName]);
  if (parsed.title) rows.push(['Title', parsed.title]);
  if (parsed.company) rows.push(['Company', parsed.company]);
  parsed.emails.forEach((e) => rows.push(['E-mail', e.value]));
  parsed.phones.forEach((p) => rows.push(['Phone', p.value]));
  parsed.links.forEach((l) => rows.push(['Link', l.value]));
  parsed.commonalities.forEach((c) => rows.push([`In common (${c.kind})`, c.text]));
  parsed.promises.forEach((p) => rows.push([p.direction === 'i_owe' ? 'I promised' : 'They promised', p.text + (p.dueOn ? ` (by ${p.dueOn})` : '')]));
  if (parsed.introducedBy) rows.push(['Introduced by', parsed.introducedBy]);
  if (parsed.note) rows.push(['Note', parsed.note]);
  return (
    <section aria-labelledby="preview-heading" className="preview">
      <h2 id="preview-heading">How Kith reads it</h2>
      {duplicates.map((d) => (
        <p key={d.personId} className="duplicate-warning" role="alert">
          {sentence(d.message)} <Link href={`/people/${d.personId}`}>Open {d.fullName}</Link>
        </p>
      ))}
      {rows.length === 0 ? <p className="muted">Start with a name.</p> : null}
      <dl className="parsed">
        {rows.map(([label, value], i) => (
          <div key={i}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export default function CaptureScreen() {
  const toast = useToast();
  const [, navigate] = useLocation();
  const current = useCurrentEvent();
  const pending = usePendingCaptures();
  const [text, setText, clearText] = useDraft('capture', '');
  const typed = useRef(text);
  typed.current = text;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const settled = useDebounced(text.trim(), 200);
  const preview = useQuery({
    queryKey: ['capture-preview', settled],
    queryFn: ({ signal }) => api<{ parsed: ParsedCapture; possibleDuplicates: PossibleDuplicate[] }>('POST', '/capture/preview', { text: settled }, { signal }),
    enabled: settled.length > 0,
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError('Type at least a name.');
      return;
    }
    setBusy(true);
    setError(null);
    const submitted = text;
    const outcome = await captureLine(text.trim());
    setBusy(false);
    if (outcome.status === 'refused') {
      setError(sentence(outcome.error.message));
      return;
    }
    // Only what was sent is cleared: anything typed while it was on its way stays here for the next add.
    if (typed.current === submitted) clearText();
    if (outcome.status === 'sent') {
      toast.show(`Added ${outcome.result.person.fullName}.`);
      navigate(`/people/${outcome.result.person.id}`);
    } else {
      toast.show('Saved on this phone; it will be sent when you are back online.');
    }
  }

  return (
    <>
      <PageTitle title="Add someone" />
      {current.data?.event ? <p className="notice">They will count as met at {current.data.event.name}.</p> : null}
      <p>
        <Link href="/scan" role="button" className="secondary">
          Scan a business card
        </Link>
      </p>
      <form onSubmit={submit} noValidate aria-label="Quick capture">
        <TextArea
          label="Who did you meet?"
          name="capture"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={error}
          hint="One line: name, title at company, e-mail, phone, what you talked about, what you promised. For example: Jane Doe, CTO at Acme, jane@acme.com, loves opera; promised to send the white paper"
          autoFocus
        />
        <button type="submit" aria-busy={busy} disabled={busy}>
          Save
        </button>
      </form>
      {preview.isError && settled ? (
        <section aria-labelledby="preview-heading" className="preview">
          <h2 id="preview-heading">How Kith reads it</h2>
          <p className="muted">{messageOf(preview.error)}</p>
        </section>
      ) : preview.data && settled ? (
        <Preview parsed={preview.data.parsed} duplicates={preview.data.possibleDuplicates} />
      ) : null}
      {pending.length > 0 ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">Waiting on this phone</h2>
          <ul className="plain">
            {pending.map((p) => (
              <li key={p.requestId}>
                {p.text} {p.error ? <span className="field-error">{p.error}</span> : <span className="badge">waiting for the network</span>}
                {p.error ? (
                  <span className="row">
                    <button type="button" className="secondary outline" onClick={() => setText(p.text)}>
                      Edit
                    </button>
                    <button type="button" className="secondary outline" onClick={() => void retryCapture(p.requestId, p.text)}>
                      Retry
                    </button>
                    <button type="button" className="secondary outline" onClick={() => void discardCapture(p.requestId)}>
                      Discard
                    </button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

