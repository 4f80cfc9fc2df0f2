/**
 * Chromium for the browser tests, launched by playwright-core. By default the binary comes from the
 * `@sparticuz/chromium` npm package (it ships a compressed build that `executablePath()` unpacks into
 * the temp directory), so `npm ci && npm test` needs nothing but Node. `PROPS_API_CHROMIUM=/path` uses a
 * system Chromium instead (e.g. Debian's /usr/bin/chromium) with the flags a closed network needs.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a system Chromium on a machine whose network refuses everything beyond loopback. */
const SYSTEM_CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Flags of @sparticuz/chromium's (made for scraping) that a test of a website must not have:
 * `--disable-web-security` turns off CORS and the same-origin policy, so a CORS test would prove nothing.
 */
const WEB_SECURITY_OFF = new Set(['--disable-web-security', '--allow-running-insecure-content']);

export interface ChromiumLaunch { executablePath: string; args: string[]; source: 'PROPS_API_CHROMIUM' | '@sparticuz/chromium' }

/** Where the browser comes from: the environment variable when set, the npm package otherwise. */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumLaunch> {
  const fromEnv = env.PROPS_API_CHROMIUM?.trim();
  if (fromEnv) return { executablePath: fromEnv, args: SYSTEM_CHROMIUM_ARGS, source: 'PROPS_API_CHROMIUM' };
  return { executablePath: await sparticuz.executablePath(), args: sparticuz.args.filter((arg) => !WEB_SECURITY_OFF.has(arg)), source: '@sparticuz/chromium' };
}

/** A headless browser; the caller closes it. */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await resolveChromium();
  return chromium.launch({ executablePath, args, headless: true });
}

export interface Frontend {
  browser: Browser;
  /** The frontend's origin, `http://localhost:<port>/`: cross-origin to a server on 127.0.0.1. */
  url: string;
  close(): Promise<void>;
}

/** A website's origin served by `serve`, and a browser to load it in; `close` stops both. */
export async function openFrontend(serve: RequestListener): Promise<Frontend> {
  const server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const browser = await launchChromium().catch(async (error: unknown) => {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  });
  return {
    browser,
    url: `http://localhost:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
