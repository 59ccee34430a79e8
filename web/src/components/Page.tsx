// A screen's title: sets the document title and, after navigation, moves focus to the heading so that keyboard
// and screen-reader users start at the top of the new screen.
import { useEffect, useRef, type ReactNode } from 'react';

let firstScreen = true;

export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Kith`;
    if (firstScreen) firstScreen = false;
    else heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}
