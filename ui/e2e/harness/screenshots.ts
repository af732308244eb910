// shot(page, name): a numbered full-page screenshot under ui/e2e/screenshots/<test file>/<NN-name>.png,
// for the humans who look at what the tests saw. Each test file's directory is emptied the first
// time a run writes into it (numbering survives Playwright restarting its worker after a failure).
import fs from 'node:fs';
import path from 'node:path';
import { test, type Page } from '@playwright/test';
import { RUN_ID_ENV, screenshotsDir } from './paths';

const RUN_MARKER = '.run';

/** Saves a screenshot of the page as ui/e2e/screenshots/<test file>/<NN-name>.png and returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  const dir = directoryOfCurrentTestFile();
  const number = fs.readdirSync(dir).filter((file) => file.endsWith('.png')).length + 1;
  const file = path.join(dir, `${String(number).padStart(2, '0')}-${slug(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function directoryOfCurrentTestFile(): string {
  const testFile = path.basename(test.info().file).replace(/\.(spec|test)\.[cm]?[jt]sx?$/, '');
  const dir = path.join(screenshotsDir, testFile);
  const runId = process.env[RUN_ID_ENV] ?? 'unknown-run';
  const marker = path.join(dir, RUN_MARKER);
  const markedRun = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : undefined;
  if (markedRun !== runId) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(marker, runId);
  }
  return dir;
}

/** A file-name-safe form of a label: "Open the designer!" -> "open-the-designer". */
export function slug(label: string): string {
  const cleaned = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return cleaned === '' ? 'shot' : cleaned;
}
