/** Debian's Chromium: Playwright's own browser download is not available offline. */
export const SYSTEM_CHROMIUM = process.env.VAIDER_CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that work headless as root on these machines; without the background-networking ones
 * Chromium keeps trying to reach Google's hosts, which a closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
