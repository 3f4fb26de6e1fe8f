import { type ScreenId, SideNav, screens } from './components/SideNav.tsx';
import { ToastProvider } from './components/Toasts.tsx';
import { TopBar } from './components/TopBar.tsx';
import { UiEventProvider } from './components/UiEvents.tsx';
import { AppsPage } from './features/apps/AppsPage.tsx';
import { HelpDeskPage } from './features/calling/HelpDeskPage.tsx';
import { InspectorPage } from './features/inspector/InspectorPage.tsx';
import { ExchangeStreamContext, useExchangeStream } from './features/inspector/use-exchange-stream.ts';
import { ConsentPage } from './features/oauth/ConsentPage.tsx';
import { RecordPage } from './features/record-page/RecordPage.tsx';
import { ReportsPage } from './features/share-via/ReportsPage.tsx';
import { useHashRoute } from './lib/use-hash-route.ts';

/** The emulator UI: a HubSpot-like shell with a left nav and one screen per route. */
export function App() {
  return (
    <ToastProvider>
      <UiEventProvider>
        <Shell />
      </UiEventProvider>
    </ToastProvider>
  );
}

function Shell() {
  const route = useHashRoute();
  // HubSpot's consent screen stands alone, without the portal's navigation.
  if (route.segments[0] === 'oauth' && route.segments[1] === 'authorize') {
    return <ConsentPage query={route.query} />;
  }
  return <Screens route={route} />;
}

function Screens({ route }: { route: ReturnType<typeof useHashRoute> }) {
  const stream = useExchangeStream();
  const first = route.segments[0];
  const current: ScreenId = screens.find((s) => s.id === first)?.id ?? 'records';
  return (
    <ExchangeStreamContext.Provider value={stream}>
      <div id="app-shell" className="shell">
        <TopBar connected={stream.connected} stateVersion={stream.stateVersion} />
        <SideNav current={current} badges={{ inspector: stream.unseenErrors }} />
        <main className="content" id="main">
          {route.malformed !== undefined ? (
            <section className="route-error" role="alert">
              <h1>This address cannot be read</h1>
              <p>
                The part after <code>#</code> has a broken percent escape, so no screen matches it:{' '}
                <code>{route.malformed}</code>
              </p>
              <p>
                <a href="#/records">Go to the records</a>
              </p>
            </section>
          ) : null}
          {route.malformed === undefined && current === 'records' ? (
            <RecordPage segments={route.segments.slice(1)} />
          ) : null}
          {route.malformed === undefined && current === 'reports' ? <ReportsPage /> : null}
          {route.malformed === undefined && current === 'help-desk' ? <HelpDeskPage /> : null}
          {route.malformed === undefined && current === 'apps' ? <AppsPage /> : null}
          {route.malformed === undefined && current === 'inspector' ? (
            <InspectorPage selectedId={route.segments[1] ?? null} />
          ) : null}
        </main>
      </div>
    </ExchangeStreamContext.Provider>
  );
}
