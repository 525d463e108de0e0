// The GraphQL IDE in a real browser (Debian's Chromium driven by playwright-core), with every other host blocked:
// the page must load, take a token, run a query and show its result without any request leaving this server.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImage } from '../helpers/images.js';
import { useTestServer } from '../helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT_DIR = resolve(import.meta.dirname, '../../test-results/ide-browser');
const QUERY = '{ images(first: 5) { edges { node { id name } } } }';

/** Replaces the query editor's text with `query`. */
async function typeQuery(page: Page, query: string) {
  await page.locator('.graphiql-query-editor .monaco-editor').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(query);
  // The editor closes each brace as it is opened; those closers sit after the cursor.
  await page.keyboard.press('ControlOrMeta+Shift+End');
  await page.keyboard.press('Delete');
}

const runnable = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!runnable) console.warn(`ide-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium; CI runs it)`);

describe.runIf(runnable)('the GraphQL IDE in Chromium', () => {
  const test = useTestServer();
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(() => browser?.close());

  it('runs a query with the token entered in the page and shows the docs, loading everything from this server', async () => {
    const image = await createImage(test.alice, { name: 'ide-test' });
    const page = await browser.newPage();
    const otherOrigins: string[] = [];
    const consoleErrors: string[] = [];
    const origin = new URL(test.url).origin;
    await page.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      otherOrigins.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    await page.goto(`${test.url}/graphql`);
    await page.getByPlaceholder('paste a token').fill(test.alice.token!);
    await typeQuery(page, QUERY);
    await page.locator('.graphiql-execute-button').click();
    // The editor shows spaces as no-break spaces.
    const resultPane = async () => (await page.locator('.graphiql-response .view-lines').innerText()).replaceAll('\u00a0', ' ');
    await expect.poll(resultPane, { timeout: 15_000 }).toContain('"name": "ide-test"');
    expect(JSON.parse(await resultPane())).toEqual({ data: { images: { edges: [{ node: { id: image.id, name: 'ide-test' } }] } } });
    // The docs come from introspection.
    await page.getByLabel('Show Documentation Explorer').click();
    await expect.poll(() => page.locator('.graphiql-doc-explorer').innerText()).toContain('Root Types');

    mkdirSync(OUTPUT_DIR, { recursive: true });
    await page.screenshot({ path: resolve(OUTPUT_DIR, 'graphiql.png'), fullPage: true });
    expect(await page.evaluate(() => localStorage.getItem('glance-graphql:token'))).toBe(test.alice.token);
    expect(otherOrigins).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('underlines a mistake in the query, with nothing the page draws it with blocked', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(`${test.url}/graphql`);
    await page.getByPlaceholder('paste a token').fill(test.alice.token!);
    await typeQuery(page, '{ noSuchField }');
    // The editor checks the query against the schema and draws a wavy line (an inline SVG image) under the mistake.
    await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 15_000 });
    // The underline's image is loaded (or refused, with a console error) as the decoration is painted.
    await page.waitForTimeout(500);
    expect(consoleErrors).toEqual([]);
  });

  it('runs a subscription over WebSocket and shows each event as it comes', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${test.url}/graphql`);
    await page.getByPlaceholder('paste a token').fill(test.alice.token!);
    await typeQuery(page, 'subscription { imagesChanged { kind image { name } } }');
    await page.locator('.graphiql-execute-button').click();
    const resultPane = async () => (await page.locator('.graphiql-response .view-lines').innerText()).replaceAll('\u00a0', ' ');
    // The page subscribes on its own time: images are created until one shows.
    await expect
      .poll(async () => (await createImage(test.alice, { name: 'made while watching' }), resultPane()), { timeout: 15_000, interval: 500 })
      .toContain('CREATED');
    expect(JSON.parse(await resultPane())).toEqual({ data: { imagesChanged: { kind: 'CREATED', image: { name: 'made while watching' } } } });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
