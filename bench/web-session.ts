// A browser session for the seeded account, made through the HTTP API as the web app makes it: sign in (the
// server sets the kith_session cookie and returns the CSRF token), then mark the account onboarded, otherwise
// every screen redirects to /welcome.

export const SESSION_COOKIE = 'kith_session';

export interface BrowserSession {
  /** The session cookie's value. */
  token: string;
  /** `kith_session=…`, ready for a Cookie header. */
  cookie: string;
  csrfToken: string;
}

async function expectOk(response: Response, what: string): Promise<unknown> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

export async function signInOnboarded(baseUrl: string, email: string, password: string): Promise<BrowserSession> {
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { csrfToken } = (await expectOk(signIn, 'POST /api/v1/auth/sign-in')) as { csrfToken: string };
  const token = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  if (!token) throw new Error(`POST /api/v1/auth/sign-in set no ${SESSION_COOKIE} cookie`);
  const cookie = `${SESSION_COOKIE}=${token}`;
  await expectOk(
    await fetch(`${baseUrl}/api/v1/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ onboarded: true }),
    }),
    'PATCH /api/v1/settings',
  );
  return { token, cookie, csrfToken };
}
