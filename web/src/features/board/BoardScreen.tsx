// The stages board: met → talking → relationship → client. Drag a card to another column, or use its stage
// menu, or Shift+← / Shift+→ on a card's name: all three change the stage the same way.
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, messageOf } from '../../api/client';
import { keys } from '../../api/queries';
import { BOARD_STAGES, STAGES, type PeoplePage, type PersonSummary } from '../../api/types';
import { PageTitle } from '../../components/Page';
import { useToast } from '../../components/Toasts';

const COLUMN_LIMIT = 50;
const TITLES: Record<string, string> = { met: 'Met', talking: 'Talking', relationship: 'Relationship', client: 'Client' };

export default function BoardScreen() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const columns = useQueries({
    queries: BOARD_STAGES.map((stage) => ({
      queryKey: [...keys.people, 'board', stage],
      queryFn: () => api<PeoplePage>('GET', `/people?stage=${stage}&limit=${COLUMN_LIMIT}`),
    })),
  });
  const move = useMutation({
    mutationFn: ({ person, stage }: { person: PersonSummary; stage: string }) => api('POST', `/people/${encodeURIComponent(person.id)}/stage`, { stage }),
    onSuccess: (_d, { person, stage }) => {
      toast.show(`${person.fullName} moved to ${stage}.`);
      void queryClient.invalidateQueries({ queryKey: keys.people });
    },
    onError: (error) => toast.show(messageOf(error)),
  });
  const byId = new Map(columns.flatMap((c) => c.data?.items ?? []).map((p) => [p.id, p]));

  const moveTo = (person: PersonSummary, stage: string) => {
    if (person.stage !== stage) move.mutate({ person, stage });
  };
  const onDrop = (stage: string) => (event: DragEvent) => {
    event.preventDefault();
    setDropTarget(null);
    const person = byId.get(event.dataTransfer.getData('text/x-kith-person'));
    if (person) moveTo(person, stage);
  };
  const onKey = (person: PersonSummary) => (event: KeyboardEvent) => {
    if (!event.shiftKey || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    const index = BOARD_STAGES.indexOf(person.stage as (typeof BOARD_STAGES)[number]);
    const next = BOARD_STAGES[index + (event.key === 'ArrowRight' ? 1 : -1)];
    if (index >= 0 && next) {
      event.preventDefault();
      moveTo(person, next);
    }
  };

  return (
    <>
      <PageTitle title="Stages" />
      <p className="muted" id="board-help">
        Drag a person to another column, or choose their stage from the menu on their card. With the keyboard: Shift + arrow keys on a name.
      </p>
      <div className="board">
        {BOARD_STAGES.map((stage, i) => {
          const column = columns[i];
          const page = column?.data;
          return (
            <section
              key={stage}
              className="board-column"
              data-stage={stage}
              data-drop-target={dropTarget === stage ? 'true' : undefined}
              aria-labelledby={`col-${stage}`}
              onDragOver={(e) => {
                e.preventDefault();
                setDropTarget(stage);
              }}
              onDragLeave={() => setDropTarget((t) => (t === stage ? null : t))}
              onDrop={onDrop(stage)}
            >
              <h2 id={`col-${stage}`}>
                {TITLES[stage]} <span className="muted">{page?.total ?? ''}</span>
              </h2>
              {column?.isError ? <p role="alert">{messageOf(column.error)}</p> : null}
              <ul className="board-cards" aria-label={TITLES[stage]}>
                {page?.items.map((person) => (
                  <li
                    key={person.id}
                    className="board-card"
                    draggable
                    data-person={person.fullName}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/x-kith-person', person.id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                  >
                    <span className="drag-handle" aria-hidden="true" title="Drag to another stage">
                      ⠿
                    </span>
                    <Link href={`/people/${person.id}`} onKeyDown={onKey(person)} aria-describedby="board-help">
                      {person.fullName}
                    </Link>
                    {person.company ? <span className="muted"> {person.company}</span> : null}
                    <select aria-label={`Stage of ${person.fullName}`} value={person.stage} onChange={(e) => moveTo(person, e.target.value)}>
                      {STAGES.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </select>
                  </li>
                ))}
              </ul>
              {page && page.total !== null && page.total > page.items.length ? (
                <p className="muted">
                  <Link href={`/people?stage=${stage}`}>and {page.total - page.items.length} more</Link>
                </p>
              ) : null}
            </section>
          );
        })}
      </div>
    </>
  );
}
