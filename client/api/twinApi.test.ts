import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorOf } from './apiError';
import { createApi, eventSearch, gridSearch, type TwinApi } from './twinApi';

interface Sent {
  url: string;
  method: string;
  init: RequestInit;
}

/** An api whose fetch records the request and answers `status` with `body`. */
function recording(body: unknown = {}, status = 200, origin = '') {
  const sent: Sent[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({ url: String(input), method: init.method ?? 'GET', init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      statusText: status === 200 ? 'OK' : 'Bad Gateway',
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { api: createApi(origin, fetcher), sent };
}

const newAccount = { username: 'wang.fang', displayName: '王芳', role: 'centre', unitId: null, departmentId: null };

describe('createApi: the URL and method of each call (the same as before hc)', () => {
  const signal = new AbortController().signal;
  it.each<[string, (api: TwinApi) => Promise<unknown>, string, string?]>([
    ['overview', (a) => a.overview(signal), '/api/overview'],
    ['every grid', (a) => a.grids({}, signal), '/api/layers/grids'],
    [
      'grids with filters and a bbox',
      (a) => a.grids({ level: 'grid', parentId: '340881002001', bbox: [116.9, 31, 117, 31.1] }),
      '/api/layers/grids?level=grid&parentId=340881002001&bbox=116.9%2C31%2C117%2C31.1',
    ],
    ['components', (a) => a.components(), '/api/layers/components'],
    ['cameras', (a) => a.cameras(), '/api/layers/cameras'],
    ['patrol points', (a) => a.patrolPoints(), '/api/layers/patrol-points'],
    ['sensors', (a) => a.sensors(), '/api/layers/sensors'],
    ['preset views', (a) => a.viewpoints(), '/api/layers/viewpoints'],
    ['sensor states', (a) => a.sensorStates(), '/api/sensors/state'],
    ['events, no filter', (a) => a.events(), '/api/events'],
    [
      'events with filters',
      (a) => a.events({ open: false, gridId: '340881002001G01', limit: 50, offset: 100 }),
      '/api/events?open=false&gridId=340881002001G01&limit=50&offset=100',
    ],
    ['open events, first page', (a) => a.openEvents(20), '/api/events?open=true&limit=20&offset=0'],
    ['one event', (a) => a.event('E1'), '/api/events/E1'],
    ['an id is escaped in the path', (a) => a.event('a/b?c'), '/api/events/a%2Fb%3Fc'],
    ['alarms', (a) => a.alarms(200), '/api/alarms?limit=200'],
    ['one alarm', (a) => a.alarm('AL0000001'), '/api/alarms/AL0000001'],
    ['acknowledge', (a) => a.acknowledgeAlarm('AL0000001'), '/api/alarms/AL0000001/acknowledge', 'POST'],
    ['one sensor', (a) => a.sensor('MH-0001'), '/api/sensors/MH-0001'],
    ['a series', (a) => a.sensorSeries('MH-0001', 0.5), '/api/sensors/MH-0001/series?hours=0.5'],
    ['cameras covering', (a) => a.camerasCovering([116.95, 31.05]), '/api/cameras/covering?lon=116.95&lat=31.05'],
    ['a unit', (a) => a.unit('340881002001G01'), '/api/grids/340881002001G01'],
    ['search', (a) => a.search('龙眠 街'), '/api/search?q=%E9%BE%99%E7%9C%A0+%E8%A1%97'],
    ['daily events', (a) => a.dailyEvents(30), '/api/stats/events/daily?days=30'],
    ['by category', (a) => a.eventsByCategory(7), '/api/stats/events/by-category?days=7'],
    ['ranking', (a) => a.departmentRanking(30), '/api/stats/departments/ranking?days=30'],
    ['a building', (a) => a.building('B000001'), '/api/buildings/B000001'],
    ['me', (a) => a.me(), '/api/auth/me'],
    ['login', (a) => a.login('admin', 'secret'), '/api/auth/login', 'POST'],
    ['logout', (a) => a.logout(), '/api/auth/logout', 'POST'],
    ['accounts', (a) => a.accounts.list(), '/api/users'],
    ['a new account', (a) => a.accounts.create(newAccount), '/api/users', 'POST'],
    ['an account changed', (a) => a.accounts.change('U010', { displayName: '王芳' }), '/api/users/U010', 'PATCH'],
    ['disable', (a) => a.accounts.disable('U010'), '/api/users/U010/disable', 'POST'],
    ['enable', (a) => a.accounts.enable('U010'), '/api/users/U010/enable', 'POST'],
    ['reset a password', (a) => a.accounts.resetPassword('U010'), '/api/users/U010/reset-password', 'POST'],
    ['reset a second factor', (a) => a.accounts.resetSecondFactor('U010'), '/api/users/U010/reset-totp', 'POST'],
    ['the audit log', (a) => a.accounts.audit({ targetId: 'U010', limit: 200 }), '/api/audit?targetId=U010&limit=200'],
    ['one’s password', (a) => a.accounts.changeOwnPassword('old', 'new'), '/api/auth/password', 'POST'],
    ['TOTP set-up', (a) => a.accounts.totpSetup(), '/api/auth/totp/setup', 'POST'],
    ['TOTP confirm', (a) => a.accounts.totpConfirm('123456'), '/api/auth/totp/confirm', 'POST'],
    ['TOTP off', (a) => a.accounts.totpDisable('pw', { totp: '123456' }), '/api/auth/totp/disable', 'POST'],
  ])('%s', async (_title, call, url, method = 'GET') => {
    const { api, sent } = recording({
      features: [],
      events: [],
      total: 0,
      hits: [],
      user: null,
      users: [],
      recoveryCodes: [],
    });
    await call(api);
    expect(sent.map((s) => [s.method, s.url])).toEqual([[method, url]]);
    expect(sent[0]!.init.credentials).toBe('same-origin');
    expect(new Headers(sent[0]!.init.headers).get('accept')).toBe('application/json');
  });

  it('passes the caller’s AbortSignal on', async () => {
    const { api, sent } = recording();
    await api.overview(signal);
    expect(sent[0]!.init.signal).toBe(signal);
  });

  it('sends the credentials of a login as JSON', async () => {
    const { api, sent } = recording({ user: { username: 'admin' } });
    expect(await api.login('admin', 'secret')).toEqual({ user: { username: 'admin' } });
    expect(new Headers(sent[0]!.init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(sent[0]!.init.body as string)).toEqual({ username: 'admin', password: 'secret' });
  });

  it('calls another origin when given one', async () => {
    const { api, sent } = recording({}, 200, 'http://127.0.0.1:8080');
    await api.overview();
    expect(sent[0]!.url).toBe('http://127.0.0.1:8080/api/overview');
    expect(api.buildingTilesetUrl).toBe('http://127.0.0.1:8080/api/tiles/tileset.json');
  });

  it('reads the open events page by page', async () => {
    const { api, sent } = recording({ total: 1000, events: new Array(500).fill({ id: 'E' }) });
    expect(await api.openEvents(1200)).toHaveLength(1000);
    expect(sent.map((s) => s.url)).toEqual([
      '/api/events?open=true&limit=500&offset=0',
      '/api/events?open=true&limit=500&offset=500',
    ]);
  });

  it('sends an import as text/csv and reads the fields at fault of a refusal', async () => {
    const refusal = {
      error: {
        code: 'invalid_import',
        message: 'line 3',
        fields: [{ line: 3, field: 'unitId', message: 'Unknown unit "X".' }, { bogus: true }],
      },
    };
    const { api, sent } = recording(refusal, 400);
    const thrown = await api.accounts.importCsv('username,displayName,role,unitId,departmentId\n').catch((e) => e);
    expect(sent.map((s) => [s.method, s.url])).toEqual([['POST', '/api/users/import']]);
    expect(new Headers(sent[0]!.init.headers).get('content-type')).toBe('text/csv; charset=utf-8');
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).fields).toEqual([{ line: 3, field: 'unitId', message: 'Unknown unit "X".' }]);
  });

  it('throws an error answer as an ApiError with its code', async () => {
    const { api } = recording({ error: { code: 'not_found', message: 'No alarm AL0000009.' } }, 404);
    await expect(api.alarm('AL0000009')).rejects.toEqual(new ApiError(404, 'not_found', 'No alarm AL0000009.'));
  });
});

describe('query building', () => {
  it.each([
    ['nothing', {}, { bbox: undefined }],
    ['a bbox joined by commas', { bbox: [1, 2, 3, 4] as [number, number, number, number] }, { bbox: '1,2,3,4' }],
    [
      'other filters as they are',
      { level: 'town' as const, area: 'village' as const },
      { level: 'town', area: 'village', bbox: undefined },
    ],
  ])('grids: %s', (_title, query, expected) => expect(gridSearch(query)).toEqual(expected));

  it.each([
    ['nothing', {}, { open: undefined, limit: undefined, offset: undefined }],
    ['open as a word', { open: true }, { open: 'true', limit: undefined, offset: undefined }],
    ['closed too', { open: false }, { open: 'false', limit: undefined, offset: undefined }],
    ['numbers as text', { limit: 10, offset: 0 }, { open: undefined, limit: '10', offset: '0' }],
  ])('events: %s', (_title, query, expected) => expect(eventSearch(query)).toEqual(expected));
});

describe('apiErrorOf', () => {
  it.each([
    [
      'the API error shape',
      502,
      { error: { code: 'upstream', message: 'The broker is down.' } },
      ['upstream', 'The broker is down.'],
    ],
    ['no body (not JSON)', 502, null, ['http_502', '502 Bad Gateway (/api/overview)']],
    ['another JSON shape', 502, { message: 'nope' }, ['http_502', '502 Bad Gateway (/api/overview)']],
    ['a code that is not text', 502, { error: { code: 7, message: 'm' } }, ['http_502', 'm']],
  ])('%s', (_title, status, body, [code, message]) => {
    const error = apiErrorOf(status, 'Bad Gateway', '/api/overview', body);
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.message, error.name]).toEqual([status, code, message, 'ApiError']);
  });

  it('falls back to the status when the error body is not JSON', async () => {
    const { api } = recording('<html>Bad Gateway</html>', 502);
    await expect(api.overview()).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });
});
