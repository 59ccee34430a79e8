// The screens and who may see them: signed-out people see sign-in and sign-up; a new account sees the first-run
// screen once; everything else sits in the Layout.
import { lazy, Suspense, useEffect } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { useSession, rememberReturnTo } from './features/auth/session';
import { SignIn, SignUp } from './features/auth/AuthScreens';
import { Welcome } from './features/auth/Welcome';
import { Layout, Loading } from './components/Layout';
import { TodayScreen } from './features/today/TodayScreen';
import { useSettings } from './api/queries';
import { useCaptureSync } from './offline/use-offline';

// Screens beyond Today load when first opened, to keep the first screen's JavaScript small. The screen of the
// address the app opens at starts loading at once, alongside the session check, rather than after it.
const screens = {
  events: () => import('./features/events/EventsScreen'),
  event: () => import('./features/events/EventScreen'),
  people: () => import('./features/people/PeopleScreen'),
  person: () => import('./features/person/PersonScreen'),
  capture: () => import('./features/capture/CaptureScreen'),
  board: () => import('./features/board/BoardScreen'),
  settings: () => import('./features/settings/SettingsScreen'),
  scan: () => import('./features/cards/ScanCardScreen'),
};
const EventsScreen = lazy(screens.events);
const EventScreen = lazy(screens.event);
const PeopleScreen = lazy(screens.people);
const PersonScreen = lazy(screens.person);
const CaptureScreen = lazy(screens.capture);
const BoardScreen = lazy(screens.board);
const SettingsScreen = lazy(screens.settings);
const ScanCardScreen = lazy(screens.scan);
const OutboxScreen = lazy(() => import('./features/outbox/OutboxScreen'));
const SharesScreen = lazy(() => import('./features/shares/SharesScreen'));
const DuplicatesScreen = lazy(() => import('./features/duplicates/DuplicatesScreen'));
const ImportScreen = lazy(() => import('./features/import/ImportScreen'));
// (organizer screens: lazy imports here)
const HostScreen = lazy(() => import('./features/organizer/HostScreen'));
const OrganizationScreen = lazy(() => import('./features/organizer/OrganizationScreen'));
const HostedEventScreen = lazy(() => import('./features/organizer/HostedEventScreen'));
const SpeakersScreen = lazy(() => import('./features/organizer/SpeakersScreen'));
// Door staff open a shared link without an account: it works signed in or not.
const DoorScreen = lazy(() => import('./features/door/DoorScreen'));

const first = window.location.pathname.split('/').filter(Boolean);
const preload = first[0] === 'events' ? (first[1] ? screens.event : screens.events) : first[0] === 'people' ? (first[1] ? screens.person : screens.people) : (screens as Record<string, (() => Promise<unknown>) | undefined>)[first[0] ?? ''];
void preload?.().catch(() => undefined);

function SignedIn() {
  useCaptureSync();
  const settings = useSettings();
  const [location] = useLocation();
  if (settings.data && settings.data.onboarded === false && location !== '/welcome') return <Redirect to="/welcome" />;
  return (
    <Switch>
      <Route path="/welcome" component={Welcome} />
      <Route path="/sign-in">
        <Redirect to="/" />
      </Route>
      <Route path="/sign-up">
        <Redirect to="/" />
      </Route>
      <Route>
        <Layout>
          <Suspense fallback={<Loading what="the screen" />}>
            <Switch>
              <Route path="/" component={TodayScreen} />
              <Route path="/events" component={EventsScreen} />
              <Route path="/events/:id">{(params) => <EventScreen id={params.id} />}</Route>
              <Route path="/people" component={PeopleScreen} />
              <Route path="/people/:id">{(params) => <PersonScreen id={params.id} />}</Route>
              <Route path="/capture" component={CaptureScreen} />
              <Route path="/scan" component={ScanCardScreen} />
              <Route path="/board" component={BoardScreen} />
              <Route path="/settings" component={SettingsScreen} />
              <Route path="/import" component={ImportScreen} />
              <Route path="/duplicates" component={DuplicatesScreen} />
              <Route path="/shares">{() => <SharesScreen />}</Route>
              <Route path="/shares/:id">{(params) => <SharesScreen id={params.id} />}</Route>
              <Route path="/outbox" component={OutboxScreen} />
              {/* (organizer screens: routes here) */}
              <Route path="/host" component={HostScreen} />
              <Route path="/host/:orgId">{(params) => <OrganizationScreen key={params.orgId} orgId={params.orgId} />}</Route>
              <Route path="/host/:orgId/speakers">{(params) => <SpeakersScreen key={params.orgId} orgId={params.orgId} />}</Route>
              <Route path="/host/:orgId/events/:eventId">{(params) => <HostedEventScreen key={params.eventId} orgId={params.orgId} eventId={params.eventId} />}</Route>
              <Route>
                <h1>Not found</h1>
                <p>There is nothing at this address. Go back to <a href="/">Today</a>.</p>
              </Route>
            </Switch>
          </Suspense>
        </Layout>
      </Route>
    </Switch>
  );
}

function SignedOut() {
  const [location] = useLocation();
  useEffect(() => {
    if (location !== '/sign-in' && location !== '/sign-up') rememberReturnTo(location + window.location.search);
  }, [location]);
  return (
    <Switch>
      <Route path="/sign-up" component={SignUp} />
      <Route path="/sign-in" component={SignIn} />
      <Route>
        <Redirect to="/sign-in" />
      </Route>
    </Switch>
  );
}

export function App() {
  const { status } = useSession();
  const door = /^\/door\/([A-Za-z0-9_-]+)\/?$/.exec(window.location.pathname);
  if (door) {
    return (
      <Suspense fallback={<Loading what="the door list" />}>
        <DoorScreen token={door[1]!} />
      </Suspense>
    );
  }
  if (status === 'loading') return <Loading what="Kith" />;
  return status === 'signed-in' ? <SignedIn /> : <SignedOut />;
}
