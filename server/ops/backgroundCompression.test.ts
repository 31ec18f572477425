import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { niceOf, policyOf, SCHED } from '../../tests/helpers/threads';
import { BACKGROUND_NICE, background, brotliInBackground, gzipInBackground } from './backgroundCompression';

describe('background compression', () => {
  it('compresses in a process at the lowest priority (SCHED_IDLE), and the bytes come back as they went', async () => {
    const text = Buffer.from('桐城市文都e家 '.repeat(5000));
    expect(brotliDecompressSync(await brotliInBackground(text, 11, true)).equals(text)).toBe(true);
    expect(gunzipSync(await gzipInBackground(text, 9)).equals(text)).toBe(true);
    if (process.platform === 'linux') {
      expect(background.threadIds).toHaveLength(1);
      expect(niceOf(background.threadIds[0]!)).toBe(Math.min(19, niceOf('thread-self') + BACKGROUND_NICE));
      // util-linux's chrt sets SCHED_IDLE (Debian has it: util-linux is essential)
      expect(policyOf(background.threadIds[0]!)).toBe(SCHED.IDLE);
      expect(policyOf('thread-self')).toBe(SCHED.OTHER);
    }
  });
});
