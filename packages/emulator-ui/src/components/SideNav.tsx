import { hrefFor } from '../lib/use-hash-route.ts';

/** The screens, in HubSpot's order of use. */
export const screens = [
  { id: 'records', label: 'Records', icon: '☰' },
  { id: 'reports', label: 'Reports', icon: '▤' },
  { id: 'help-desk', label: 'Help desk', icon: '☎' },
  { id: 'apps', label: 'Apps', icon: '⬡' },
  { id: 'inspector', label: 'Inspector', icon: '⌕' },
] as const;

export type ScreenId = (typeof screens)[number]['id'];

/** Left navigation; the current screen is marked for screen readers too. */
export function SideNav({
  current,
  badges,
}: {
  current: ScreenId;
  badges?: Partial<Record<ScreenId, number>>;
}) {
  return (
    <nav className="sidenav" aria-label="Main">
      <ul>
        {screens.map((screen) => (
          <li key={screen.id}>
            <a
              href={hrefFor([screen.id])}
              className={screen.id === current ? 'active' : ''}
              aria-current={screen.id === current ? 'page' : undefined}
            >
              <span aria-hidden="true" className="nav-icon">
                {screen.icon}
              </span>
              {screen.label}
              {badges?.[screen.id] ? <span className="nav-badge">{badges[screen.id]}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
