import type { ReactNode } from 'react';
import { LogOut } from 'lucide-react';
import type { Me } from '../api/types';
import { navigate } from './navigation';

/** The bar over every page: the product's name (home), what the page puts there, and the user. */
export function TopBar(props: { user: Me; onLogout: () => void; children?: ReactNode }) {
  return (
    <div className="topbar">
      <a className="brand" href="/" onClick={(event) => { event.preventDefault(); navigate('/'); }}>
        <span className="brand-mark" /> Flowfile
      </a>
      {props.children ?? <div className="spacer" />}
      <span className="muted" title={'Role: ' + props.user.user?.role}>{props.user.user?.username}</span>
      <button className="button icon" aria-label="Log out" title="Log out" onClick={props.onLogout}><LogOut size={15} /></button>
    </div>
  );
}
