// The browser tests' "nothing fetched from off the machine" rests on this classification.
import { describe, expect, it } from 'vitest';
import { isOffMachine } from './offMachine';

describe('isOffMachine', () => {
  it.each([
    // this machine
    ['the platform on the loopback address', 'http://127.0.0.1:41234/api/layers/grids', false],
    ['another loopback address', 'http://127.0.0.2:8080/', false],
    ['localhost', 'http://localhost:5173/screen', false],
    ['a name under .localhost', 'http://wendu.localhost/', false],
    ['IPv6 loopback', 'http://[::1]:3000/api/live', false],
    ['a live socket to the platform', 'ws://127.0.0.1:41234/live', false],
    ['an inline image', 'data:image/png;base64,iVBORw0KGgo=', false],
    ['a blob the page made', 'blob:http://127.0.0.1:41234/1c7d8c3e-9b1a-4b2c-8f00-000000000000', false],
    ['a blank frame', 'about:blank', false],
    // off the machine
    ['Cesium Ion', 'https://api.cesium.com/v1/assets/1/endpoint', true],
    ['Bing imagery', 'https://dev.virtualearth.net/REST/v1/Imagery/Metadata/Aerial', true],
    ['a CDN font', 'https://fonts.googleapis.com/css2?family=Noto+Sans+SC', true],
    ['a host on the local network', 'http://192.168.1.20:8080/tiles/0/0/0.png', true],
    ['a name that starts like localhost', 'http://localhost.example.com/', true],
    ['a name that starts like the loopback address', 'https://127.0.0.1.nip.io/', true],
    ['not a URL at all', 'not a url', true],
  ])('%s: %s → %s', (_, url, expected) => expect(isOffMachine(url)).toBe(expected));
});
