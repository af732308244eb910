// Playwright's global setup: starts the real packaged server the way users start it,
// `<repo>/flowfile serve --port <free port> --data-dir <fresh temp dir>`, waits (bounded) for the
// login link it prints and hands {baseURL, loginLink, token, dataDir} to the workers through an
// environment variable. The function it returns is the global teardown: SIGTERM, a bounded wait,
// and a failure when the server does not stop cleanly. The server's output goes to
// build/playwright/server.log and is shown when the server fails to start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  RUN_ID_ENV,
  SERVER_ENV,
  launcher,
  packagedJar,
  playwrightBuildDir,
  repoRoot,
  serverLogFile,
  type ServerInfo,
} from './paths';

const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;
const LINK_PATTERN = /Flowfile is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/;

export default async function globalSetup(): Promise<() => Promise<void>> {
  checkPackaged();
  warnWhenUiIsNewer();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowfile-e2e-'));
  fs.mkdirSync(playwrightBuildDir, { recursive: true });
  const server = new ServerProcess(port, dataDir);
  let info: ServerInfo;
  try {
    info = await server.waitForLink(START_TIMEOUT_MS);
  } catch (error) {
    await server.stop(10_000).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.env[SERVER_ENV] = JSON.stringify(info);
  process.env[RUN_ID_ENV] = randomUUID();
  console.log(`[flowfile e2e] server running at ${info.baseURL} (data ${dataDir}, log ${path.relative(repoRoot, serverLogFile)})`);

  return async function globalTeardown(): Promise<void> {
    try {
      const status = await server.stop(STOP_TIMEOUT_MS);
      console.log(`[flowfile e2e] server stopped by SIGTERM (${status})`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/** Fails clearly when the application is not packaged, or when the launcher would rebuild it. */
function checkPackaged(): void {
  if (!fs.existsSync(packagedJar)) {
    throw new Error(
      `the application is not packaged: ${path.relative(repoRoot, packagedJar)} is missing. ` +
        'Package it first (scripts/test does: ./mvnw verify), e.g. ' +
        'flock /tmp/flowfile-build.lock ./mvnw -B -q -DskipTests -pl app -am package',
    );
  }
  // The same test as ./flowfile's: a source newer than the jar makes the launcher run Maven, which
  // the tests must not do (it takes minutes and needs the build lock).
  const find = spawnSync(
    'bash',
    [
      '-c',
      'cd "$1" && find pom.xml ./*/pom.xml nodes/*/pom.xml ./*/src/main nodes/*/src/main -newer "$2" -type f -print -quit 2>/dev/null',
      'stale-check',
      repoRoot,
      packagedJar,
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  const newer = (find.stdout ?? '').trim();
  if (newer !== '') {
    throw new Error(
      `the packaged application is older than its sources (${newer} is newer than ${path.relative(repoRoot, packagedJar)}), ` +
        'so ./flowfile would rebuild it. Package it first: ' +
        'flock /tmp/flowfile-build.lock ./mvnw -B -q -DskipTests -pl app -am package',
    );
  }
}

/** The packaged UI is built from ui/ by Maven (Quinoa): say so when ui/src changed since. */
function warnWhenUiIsNewer(): void {
  const jarTime = fs.statSync(packagedJar).mtimeMs;
  const newer = newestFile(path.join(repoRoot, 'ui', 'src'), jarTime, 5000);
  if (newer !== undefined) {
    console.warn(
      `[flowfile e2e] warning: ${path.relative(repoRoot, newer)} is newer than the packaged application; ` +
        'the server serves the UI as it was when Maven packaged it.',
    );
  }
}

function newestFile(dir: string, after: number, budget: number): string | undefined {
  const pending = [dir];
  let visited = 0;
  while (pending.length > 0 && visited < budget) {
    const current = pending.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      visited++;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        pending.push(full);
      } else if (entry.isFile() && fs.statSync(full).mtimeMs > after) {
        return full;
      }
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** `./flowfile serve` as a child process; its output is kept (for errors) and written to the log. */
class ServerProcess {
  private readonly child: ChildProcess;
  private readonly log: fs.WriteStream;
  private output = '';
  private exitStatus: string | undefined;
  private readonly exited: Promise<string>;

  constructor(port: number, private readonly dataDir: string) {
    this.log = fs.createWriteStream(serverLogFile);
    this.child = spawn(launcher, ['serve', '--port', String(port), '--data-dir', dataDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FLOWFILE_DATA_DIR: dataDir },
    });
    const keep = (chunk: Buffer): void => {
      this.log.write(chunk);
      if (this.output.length < 1_000_000) {
        this.output += chunk.toString('utf8');
      }
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.exitStatus = `could not start: ${error.message}`;
        resolve(this.exitStatus);
      });
      this.child.on('exit', (code, signal) => {
        this.exitStatus = signal !== null ? `signal ${signal}` : `status ${code}`;
        resolve(this.exitStatus);
      });
    });
    // Never leave a server behind, even when the runner dies without its teardown.
    process.on('exit', () => {
      if (this.exitStatus === undefined) {
        this.child.kill('SIGKILL');
      }
    });
  }

  async waitForLink(timeoutMs: number): Promise<ServerInfo> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = LINK_PATTERN.exec(this.output);
      if (match !== null) {
        const [, loginLink, port, token] = match as unknown as [string, string, string, string];
        return { baseURL: `http://127.0.0.1:${port}`, loginLink, token, dataDir: this.dataDir };
      }
      if (this.exitStatus !== undefined) {
        throw this.failure(`./flowfile serve ended (${this.exitStatus}) before printing its login link`);
      }
      await sleep(250);
    }
    throw this.failure(`./flowfile serve printed no login link within ${timeoutMs / 1000} s`);
  }

  /** SIGTERM, then waits at most timeoutMs; kills and fails when the server does not stop cleanly. */
  async stop(timeoutMs: number): Promise<string> {
    if (this.exitStatus === undefined) {
      this.child.kill('SIGTERM');
      const status = await Promise.race([this.exited, sleep(timeoutMs).then(() => undefined)]);
      if (status === undefined) {
        this.child.kill('SIGKILL');
        await Promise.race([this.exited, sleep(10_000)]);
        this.closeLog();
        throw this.failure(`the server did not stop within ${timeoutMs / 1000} s of SIGTERM (killed)`);
      }
    }
    this.closeLog();
    const status = this.exitStatus ?? 'unknown';
    // A JVM ending on SIGTERM after its shutdown hooks exits with 143 (128 + 15) or 0.
    if (status !== 'status 0' && status !== 'status 143' && status !== 'signal SIGTERM') {
      throw this.failure(`the server ended with ${status} after SIGTERM`);
    }
    return status;
  }

  private closeLog(): void {
    this.child.stdout?.removeAllListeners('data');
    this.child.stderr?.removeAllListeners('data');
    this.log.end();
  }

  private failure(message: string): Error {
    const tail = this.output.split('\n').slice(-200).join('\n');
    return new Error(`${message}\n--- the server's output (${serverLogFile}):\n${tail}`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
