// Who is signed in. A 401 from any request (the session expired or was ended elsewhere) sends the person to
// sign-in and remembers where they were; what they were typing is kept by useDraft (sessionStorage), so signing
// in again brings them back to it.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, onUnauthorized, setCsrfToken, ApiError } from '../../api/client';
import type { Account } from '../../api/types';
import { forgetOfflineCache } from '../../api/offline-cache';
import { discardAllCaptures } from '../../offline/capture-queue';

type Status = 'loading' | 'signed-out' | 'signed-in';

interface SessionValue {
  status: Status;
  account: Account | null;
  /** True when the session ended under the person's feet (not when they signed out). */
  expired: boolean;
  signIn(email: string, password: string): Promise<void>;
  signUp(email: string, password: string, timeZone: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);
const RETURN_TO = 'kith:return-to';
const LAST_ACCOUNT = 'kith:last-account';

export function rememberReturnTo(path: string): void {
  if (!path.startsWith('/sign-')) sessionStorage.setItem(RETURN_TO, path);
}

export function takeReturnTo(): string {
  const path = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return path && path.startsWith('/') ? path : '/';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('loading');
  const [account, setAccount] = useState<Account | null>(null);
  const [expired, setExpired] = useState(false);
  const lastAccount = useRef<string | null>(localStorage.getItem(LAST_ACCOUNT));
  useEffect(() => {
    if (account) localStorage.setItem(LAST_ACCOUNT, account.id);
  }, [account]);

  useEffect(() => {
    let live = true;
    api<{ account: Account; csrfToken: string | null }>('GET', '/auth/me')
      .then((me) => {
        if (!live) return;
        setCsrfToken(me.csrfToken);
        lastAccount.current = me.account.id;
        setAccount(me.account);
        setStatus('signed-in');
      })
      .catch((error: unknown) => {
        if (!live) return;
        // Offline with no answer: the app shell still opens; captures queue until the session can be checked.
        if (error instanceof ApiError) setStatus('signed-out');
        else setStatus('signed-in');
      });
    return () => {
      live = false;
    };
  }, []);

  useEffect(
    () =>
      onUnauthorized(() => {
        rememberReturnTo(window.location.pathname + window.location.search);
        setCsrfToken(null);
        setAccount(null);
        setExpired(true);
        setStatus('signed-out');
      }),
    [],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await api<{ account: Account; csrfToken: string }>('POST', '/auth/sign-in', { email, password });
      setCsrfToken(session.csrfToken);
      if (session.account.id !== lastAccount.current) {
        // Another account on this phone: nothing of the previous one may show or be sent.
        await Promise.all([forgetOfflineCache(), discardAllCaptures()]);
      }
      lastAccount.current = session.account.id;
      queryClient.clear();
      setAccount(session.account);
      setExpired(false);
      setStatus('signed-in');
    },
    [queryClient],
  );

  const signUp = useCallback(
    async (email: string, password: string, timeZone: string) => {
      await api('POST', '/auth/sign-up', { email, password, timeZone });
      await signIn(email, password);
    },
    [signIn],
  );

  const signOut = useCallback(async () => {
    await api('POST', '/auth/sign-out').catch(() => undefined);
    setCsrfToken(null);
    queryClient.clear();
    await Promise.all([forgetOfflineCache(), discardAllCaptures()]);
    setAccount(null);
    setExpired(false);
    setStatus('signed-out');
  }, [queryClient]);

  const value = useMemo(() => ({ status, account, expired, signIn, signUp, signOut }), [status, account, expired, signIn, signUp, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
