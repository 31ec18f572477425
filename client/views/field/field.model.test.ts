import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/apiError';
import { translate } from '../../i18n';
import { distanceMetres, duplicateQuery, fitProjection, itemChoices, type LonLat, problemText } from './field.model';

const ring: LonLat[] = [
  [116.94, 31.04],
  [116.96, 31.04],
  [116.96, 31.05],
  [116.94, 31.05],
  [116.94, 31.04],
];

describe('the small map', () => {
  it('fits the grid into the box and turns a tap back into the place under it', () => {
    const p = fitProjection(ring, 360, 240, 16);
    for (const corner of ring) {
      const [x, y] = p.toXY(corner);
      expect(x).toBeGreaterThanOrEqual(15.9);
      expect(x).toBeLessThanOrEqual(344.1);
      expect(y).toBeGreaterThanOrEqual(15.9);
      expect(y).toBeLessThanOrEqual(224.1);
      const back = p.toLonLat([x, y]);
      expect(back[0]).toBeCloseTo(corner[0], 9);
      expect(back[1]).toBeCloseTo(corner[1], 9);
    }
    // north is up, east is right
    expect(p.toXY([116.95, 31.05])[1]).toBeLessThan(p.toXY([116.95, 31.04])[1]);
    expect(p.toXY([116.96, 31.045])[0]).toBeGreaterThan(p.toXY([116.94, 31.045])[0]);
    // metres stay square: 0.02° of longitude at 31° is 0.857 × 0.02° of latitude
    const w = p.toXY([116.96, 31.04])[0] - p.toXY([116.94, 31.04])[0];
    const h = p.toXY([116.94, 31.04])[1] - p.toXY([116.94, 31.05])[1];
    expect(w / h).toBeCloseTo((2 * Math.cos((31.045 * Math.PI) / 180)) / 1, 2);
  });

  it('measures distances on the sphere', () => {
    expect(distanceMetres([116.95, 31.05], [116.95, 31.05 + 1 / 111.195])).toBeCloseTo(1000, 0);
    expect(distanceMetres([116.95, 31.05], [116.95, 31.05])).toBe(0);
  });
});

describe('the item picker', () => {
  it('finds items by words in either language, within a category', () => {
    const rubbish = itemChoices('', '垃圾', 'zh');
    expect(rubbish.length).toBeGreaterThan(0);
    expect(rubbish.every((c) => `${c.name}${c.path}`.includes('垃圾'))).toBe(true);
    expect(itemChoices('01', '', 'zh').every((c) => c.code.startsWith('01'))).toBe(true);
    expect(itemChoices('', 'zzzz-nothing', 'en')).toEqual([]);
    expect(itemChoices('', '010101', 'en').map((c) => c.code)).toEqual(['010101']);
  });
});

describe('likely duplicates', () => {
  it('asks for the same item, open, within 50 m and the last 48 hours', () => {
    const q = new URLSearchParams(duplicateQuery('010101', [116.95, 31.05], Date.parse('2026-11-03T00:00:00Z')));
    expect(Object.fromEntries(q)).toEqual({
      itemCode: '010101',
      open: 'true',
      from: '2026-11-01T00:00:00.000Z',
      near: '116.950000,31.050000',
      radius: '50',
      limit: '10',
    });
  });
});

describe('refusals in words', () => {
  const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate('zh', key, vars);
  const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate('en', key, vars);
  it('says what to do about a known refusal, in the user’s language', () => {
    const outside = new ApiError(403, 'out_of_scope', 'The place lies in grid X, outside your scope.');
    expect(problemText(zh, outside)).toContain('不在您负责的网格内');
    expect(problemText(en, outside)).toContain('outside your grid');
    expect(problemText(zh, new ApiError(413, 'photo_too_large', '…'), { max: 8 })).toContain('8 MB');
    expect(problemText(zh, new TypeError('Failed to fetch'))).toContain('网络');
  });
  it('shows the server’s message for anything else', () => {
    expect(problemText(en, new ApiError(500, 'internal', 'boom'))).toBe('That did not work: boom');
  });
});
