// The catalog: registered flows and their versions, the run history and the artifact explorer.
// One page for every address under /catalog, routed here:
//   /catalog                              registered flows
//   /catalog/flows/<name>                 a flow's versions, runs and flow-scoped artifacts
//   /catalog/flows/<name>/versions/<n>    a version read-only on a canvas
//   /catalog/flows/<name>/compare?from=&to=  two versions compared
//   /catalog/runs[?flow=&state=&trigger=&since=]  the run history
//   /catalog/runs/<id>                    one run
//   /catalog/artifacts[?tag=&q=]          global artifacts
//   /catalog/artifacts/<name>             every version of one
import type { ReactNode } from 'react';
import type { Me } from '../../api/types';
import { TopBar } from '../../components/TopBar';
import { ArtifactDetail, ArtifactsList } from './ArtifactsPages';
import { CompareView, FlowDetail, FlowsList, VersionView } from './FlowsPages';
import { RunDetail, RunsHistory } from './RunsPages';
import { Link, flowPath } from './common';
import './catalog.css';

type Section = 'flows' | 'runs' | 'artifacts';

interface Route {
  section: Section;
  crumbs: { title: string; to?: string }[];
  content: ReactNode;
  wide?: boolean;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function route(path: string, user: Me): Route {
  const parts = path.replace(/\/+$/, '').split('/').slice(2).map(decode);
  const [area, name, sub, version] = parts;
  if (area === 'runs') {
    if (name) {
      return { section: 'runs', crumbs: [{ title: 'Run ' + name.slice(0, 8) }], content: <RunDetail key={name} id={name} /> };
    }
    return { section: 'runs', crumbs: [], content: <RunsHistory /> };
  }
  if (area === 'artifacts') {
    if (name) {
      return {
        section: 'artifacts', crumbs: [{ title: name }],
        content: <ArtifactDetail key={name} name={name} user={user} />,
      };
    }
    return { section: 'artifacts', crumbs: [], content: <ArtifactsList /> };
  }
  if (area === 'flows' && name) {
    const flowCrumbs = [{ title: name, to: flowPath(name) }];
    if (sub === 'versions' && version && /^\d+$/.test(version)) {
      return {
        section: 'flows', crumbs: [...flowCrumbs, { title: 'v' + version }], wide: true,
        content: <VersionView key={name + '@' + version} name={name} version={Number(version)} />,
      };
    }
    if (sub === 'compare') {
      return { section: 'flows', crumbs: [...flowCrumbs, { title: 'Compare' }], wide: true, content: <CompareView key={name} name={name} /> };
    }
    return { section: 'flows', crumbs: [{ title: name }], content: <FlowDetail key={name} name={name} /> };
  }
  if (!area || area === 'flows') {
    return { section: 'flows', crumbs: [], content: <FlowsList /> };
  }
  return {
    section: 'flows', crumbs: [{ title: 'Not found' }],
    content: <div className="empty">There is no catalog page at <span className="mono">{path}</span>. <Link to="/catalog">Registered flows</Link></div>,
  };
}

const SECTIONS: { id: Section; title: string; to: string }[] = [
  { id: 'flows', title: 'Flows', to: '/catalog' },
  { id: 'runs', title: 'Runs', to: '/catalog/runs' },
  { id: 'artifacts', title: 'Artifacts', to: '/catalog/artifacts' },
];

/** Registered flows, runs and artifacts: the page shown for every address starting with /catalog. */
export function CatalogPage(props: { user: Me; onLogout: () => void; path: string }) {
  const current = route(props.path, props.user);
  return (
    <div className="shell catalog-shell">
      <TopBar user={props.user} onLogout={props.onLogout} />
      <div className="catalog-scroll">
        <main className={'page catalog' + (current.wide ? ' wide' : '')}>
          <nav className="catalog-nav" aria-label="Catalog">
            <div className="tabs">
              {SECTIONS.map((section) => (
                <Link key={section.id} to={section.to} className={'tab' + (section.id === current.section ? ' active' : '')}>{section.title}</Link>
              ))}
            </div>
            {current.crumbs.length > 0 && (
              <ol className="crumbs" aria-label="Breadcrumbs">
                {current.crumbs.map((crumb, index) => (
                  <li key={index}>{crumb.to && index < current.crumbs.length - 1 ? <Link to={crumb.to}>{crumb.title}</Link> : <span>{crumb.title}</span>}</li>
                ))}
              </ol>
            )}
          </nav>
          {current.content}
        </main>
      </div>
    </div>
  );
}
