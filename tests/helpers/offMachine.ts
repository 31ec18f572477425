// Which requests a page makes leave this machine: the platform runs fully offline (no Ion, no Bing, no
// CDN), so a browser test counts every request to another host as a defect.

/** Host names of this machine (URL.hostname spelling: IPv6 in brackets). */
export const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when a request to `url` goes off this machine. URLs with no host (data:, blob: whatever made
 * them, about:) fetch nothing over the network; loopback names and the 127/8 block are this machine.
 */
export function isOffMachine(url: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return true; // not a URL Chromium could fetch locally: look at it
  }
  if (hostname === '' || LOCAL_HOSTS.has(hostname)) return false;
  return !(hostname.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname));
}
