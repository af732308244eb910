import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, call, ApiFailure } from './api/client';
import type { Me } from './api/types';
import { Notices } from './components/Notices';
import { navigate, usePath } from './components/navigation';
import { LoginPage } from './pages/login/LoginPage';
import { HomePage } from './pages/home/HomePage';
import { DesignerPage } from './pages/designer/DesignerPage';
import { KernelsPage } from './pages/kernels/KernelsPage';
import { CatalogPage } from './pages/catalog/CatalogPage';
import { SchedulesPage } from './pages/schedules/SchedulesPage';
import { SecretsPage } from './pages/secrets/SecretsPage';
// The Node Designer (with its code editors) loads on first use.
const NodeDesignerPage = lazy(() => import('./pages/nodedesigner/NodeDesignerPage').then((module) => ({ default: module.NodeDesignerPage })));

/** Who is logged in decides what shows: the login form, or the page the address names. */
export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const path = usePath();

  const refresh = useCallback(async () => {
    try {
      setMe(await call(api.GET('/api/auth/me')));
      setError(undefined);
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.status === 401) {
        setMe(null);
      } else {
        setError(failure instanceof Error ? failure.message : String(failure));
      }
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (error) {
    return <div className="login"><p className="error-text" role="alert">{error}</p></div>;
  }
  if (me === undefined) {
    return null;
  }
  if (me === null) {
    return <LoginPage onLoggedIn={refresh} />;
  }
  const draft = /^\/drafts\/([0-9a-f-]{36})$/.exec(path);
  const logout = async () => {
    await call(api.POST('/api/auth/logout')).catch(() => undefined);
    setMe(null);
    navigate('/', true);
  };
  return (
    <>
      {draft ? <DesignerPage draftId={draft[1]} user={me} onLogout={logout} />
        : path.startsWith('/kernels') ? <KernelsPage user={me} onLogout={logout} path={path} />
        : path.startsWith('/catalog') ? <CatalogPage user={me} onLogout={logout} path={path} />
        : path.startsWith('/schedules') ? <SchedulesPage user={me} onLogout={logout} path={path} />
        : path.startsWith('/secrets') ? <SecretsPage user={me} onLogout={logout} />
        : path.startsWith('/node-designer') ? <Suspense fallback={null}><NodeDesignerPage user={me} onLogout={logout} path={path} /></Suspense>
        : <HomePage user={me} onLogout={logout} />}
      <Notices />
    </>
  );
}
