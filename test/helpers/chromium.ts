/**
 * Chromium for the browser tests, launched by playwright-core. By default the binary comes from the
 * `@sparticuz/chromium` npm package (it ships a compressed build that `executablePath()` unpacks into
 * the temp directory), so `npm ci && npm test` needs nothing but Node. `PROPS_API_CHROMIUM=/path` uses a
 * system Chromium instead (e.g. Debian's /usr/bin/chromium) with the flags a closed network needs.
 */
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
