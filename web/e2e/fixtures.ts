import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';

/**
 * The net under every e2e spec: each page a spec opens through `openPage`
 * (or hands to `watchContext`) reports its uncaught errors and console
 * errors here, and the test during which one appeared fails in `afterEach`
 * (the ones after the last test fail the file in `afterAll`). A spec that
 * provokes an error on purpose names it with `allowPageErrors` at its top.
 *
 * This file is a vitest setup file of the e2e config, so it runs in each
 * spec's module graph and its state is per spec file.
 */

interface Allowance {
  pattern: RegExp;
  why: string;
}

const seen: string[] = [];
const allowed: Allowance[] = [];
const watched = new WeakSet<BrowserContext>();

/** Lets errors matching `pattern` through for this spec file; `why` says what provokes them. */
export function allowPageErrors(pattern: RegExp, why: string): void {
  if (!why.trim()) throw new Error('allowPageErrors: say why the spec provokes it');
  allowed.push({ pattern, why });
}

function record(kind: string, page: Page, text: string): void {
  const line = `${kind} on ${page.url() || 'about:blank'}: ${text}`;
  if (!allowed.some((a) => a.pattern.test(line))) seen.push(line);
}

/** What the browser logs, with the resource it names (a failed load's text does not say which). */
function consoleText(m: ConsoleMessage): string {
  const where = m.location().url;
  return where && m.text().startsWith('Failed to load resource') ? `${m.text()} [${where}]` : m.text();
}

/** Reports the errors of `page`. */
export function watchPage(page: Page): void {
  page.on('pageerror', (e) => record('pageerror', page, `${e.name}: ${e.message}\n${e.stack ?? ''}`));
  page.on('console', (m) => {
    if (m.type() === 'error') record('console error', page, consoleText(m));
  });
}

/** Reports the errors of every page of `context`, those open now and those opened later. */
export function watchContext(context: BrowserContext): void {
  if (watched.has(context)) return;
  watched.add(context);
  for (const page of context.pages()) watchPage(page);
  context.on('page', watchPage);
}

/** The errors seen since the last check, cleared. */
function take(): string[] {
  return seen.splice(0, seen.length);
}

function fail(when: string, errors: string[]): void {
  if (errors.length === 0) return;
  throw new Error(`${errors.length} page error(s) ${when}:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
}

afterEach(() => fail('during this test', take()));
afterAll(() => fail('outside the tests (setup or teardown)', take()));
