import type { ReactNode } from 'react';
import { LogOut } from 'lucide-react';
import type { Me } from '../api/types';
import { navigate, usePath } from './navigation';

/** The product's areas, in the order the bar shows them. */
const AREAS = [
  { path: '/', title: 'Flows', matches: (path: string) => path === '/' || path.startsWith('/drafts/') },
  { path: '/catalog', title: 'Catalog', matches: (path: string) => path.startsWith('/catalog') },
  { path: '/schedules', title: 'Schedules', matches: (path: string) => path.startsWith('/schedules') },
  { path: '/kernels', title: 'Kernels', matches: (path: string) => path.startsWith('/kernels') },
  { path: '/node-designer', title: 'Node Designer', matches: (path: string) => path.startsWith('/node-designer') },
  { path: '/secrets', title: 'Secrets', matches: (path: string) => path.startsWith('/secrets') },
];

/** The bar over every page: the product's name (home), what the page puts there, and the user. */
export function TopBar(props: { user: Me; onLogout: () => void; children?: ReactNode }) {
  const path = usePath();
  return (
    <div className="topbar">
      <a className="brand" href="/" onClick={(event) => { event.preventDefault(); navigate('/'); }}>
        <span className="brand-mark" /> Flowfile
      </a>
      {!props.children && (
        <nav className="areas" aria-label="Areas">
          {AREAS.map((area) => (
            <a key={area.path} href={area.path} className={'area' + (area.matches(path) ? ' active' : '')}
              aria-current={area.matches(path) ? 'page' : undefined}
              onClick={(event) => { event.preventDefault(); navigate(area.path); }}>
              {area.title}
            </a>
          ))}
        </nav>
      )}
      {props.children ?? <div className="spacer" />}
      <span className="muted" title={'Role: ' + props.user.user?.role}>{props.user.user?.username}</span>
      <button className="button icon" aria-label="Log out" title="Log out" onClick={props.onLogout}><LogOut size={15} /></button>
    </div>
  );
}
