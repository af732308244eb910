// Paths the browser-test harness shares: the repository, the packaged application, the reports and
// the screenshots, and the environment variable that carries the running server to the workers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const harnessDir = path.dirname(fileURLToPath(import.meta.url));

/** ui/ */
export const uiDir = path.resolve(harnessDir, '..', '..');
/** The repository's root (the directory holding ./flowfile). */
export const repoRoot = path.resolve(uiDir, '..');
/** The launcher users run: `./flowfile serve`. */
export const launcher = path.join(repoRoot, 'flowfile');
/** What `mvn package` writes; the launcher runs it (and would rebuild it first when stale). */
export const packagedJar = path.join(repoRoot, 'app', 'target', 'quarkus-app', 'quarkus-run.jar');
/** Reports and the server's log of the last run. */
export const playwrightBuildDir = path.join(repoRoot, 'build', 'playwright');
export const serverLogFile = path.join(playwrightBuildDir, 'server.log');
/** Screenshots the lead looks at: ui/e2e/screenshots/<test file>/<NN-name>.png */
export const screenshotsDir = path.join(uiDir, 'e2e', 'screenshots');

/** Environment variable through which the global setup hands the running server to the workers. */
export const SERVER_ENV = 'FLOWFILE_E2E_SERVER';
/** Environment variable naming this run (screenshot directories of earlier runs are emptied). */
export const RUN_ID_ENV = 'FLOWFILE_E2E_RUN_ID';

/** What the tests know of the server started for them. */
export interface ServerInfo {
  /** http://127.0.0.1:PORT (no trailing slash) */
  baseURL: string;
  /** The login link the server printed: http://127.0.0.1:PORT/?token=ff_... */
  loginLink: string;
  /** The API token of the link (valid as `Authorization: Bearer TOKEN` while the server runs). */
  token: string;
  /** The fresh data directory the server was started with. */
  dataDir: string;
}
