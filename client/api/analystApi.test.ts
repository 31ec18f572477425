import { describe, expect, it } from 'vitest';
import { ApiError } from './apiError';
import { createApi, type TwinApi } from './twinApi';

/** An api whose fetch records each URL and answers `status` with `body`. */
function recording(body: unknown = [], status = 200) {
  const sent: string[] = [];
  const fetcher = (async (input: RequestInfo | URL) => {
    sent.push(String(input));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { api: createApi('', fetcher), sent };
}

describe("the analyst's calls: their URLs", () => {
  it.each<[string, (api: TwinApi) => Promise<unknown>, string]>([
    [
      'heat of a month in a unit',
      (a) => a.analyst.heat({ res: 9, from: '2026-09-01', to: '2026-09-30', within: '340881002001' }),
      '/api/stats/events/h3?res=9&from=2026-09-01&to=2026-09-30&within=340881002001',
    ],
    ['roads', (a) => a.analyst.roads(), '/api/layers/roads'],
    ['rivers', (a) => a.analyst.rivers(), '/api/layers/rivers'],
    [
      'buildings in a box',
      (a) => a.analyst.buildings([116.9, 31, 117, 31.1]),
      '/api/layers/buildings?bbox=116.9%2C31%2C117%2C31.1',
    ],
    [
      'the risk ranking',
      (a) => a.analyst.risk({ level: 'h3r9', top: 20, at: '2026-09-30', within: '340881002001' }),
      '/api/risk?level=h3r9&top=20&at=2026-09-30&within=340881002001',
    ],
    ['trends', (a) => a.analyst.trend('340881', 'month'), '/api/stats/events/trend?unit=340881&by=month'],
    ['forecast', (a) => a.analyst.forecast('340881', 'week'), '/api/stats/events/forecast?unit=340881&by=week'],
  ])('%s', async (_title, run, url) => {
    const { api, sent } = recording({ features: [], series: [] });
    await run(api);
    expect(sent).toEqual([url]);
  });

  it('links an export with the shown query, absent values left out', () => {
    const { api } = recording();
    expect(
      api.analyst.exportUrl('heat', 'parquet', { res: 8, from: '2026-09-01', to: '2026-09-30', category: undefined }),
    ).toBe('/api/analytics/export?dataset=heat&format=parquet&res=8&from=2026-09-01&to=2026-09-30');
  });

  it('turns a route missing on the server into an ApiError 404 the page names as not available', async () => {
    const { api } = recording({ error: { code: 'not_found', message: 'No route for GET /api/risk' } }, 404);
    const error = await api.analyst.risk({ level: 'grid', top: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', message: 'No route for GET /api/risk' });
  });
});
