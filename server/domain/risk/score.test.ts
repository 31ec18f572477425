// The risk score's maths on hand-made areas: decay, scaling against the worst area, the sum.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RISK_FACTORS } from './factors';
import { decay, type FactorValues, mainFactor, type RawArea, rounded, scoreAreas } from './score';

const DAY = 86_400_000;
const W = { cases: 30, openOverdue: 15, sensorAlarms: 15, vulnerable: 20, cameraGaps: 10, sentiment: 10 };
const zero = (): FactorValues => ({
  cases: 0,
  openOverdue: 0,
  sensorAlarms: 0,
  vulnerable: 0,
  cameraGaps: 0,
  sentiment: 0,
});
const area = (areaId: string, raw: Partial<FactorValues>): RawArea => ({
  areaId,
  name: areaId,
  raw: { ...zero(), ...raw },
});

describe('decay', () => {
  it.each([
    ['now', 0, 1],
    ['one half-life', 14 * DAY, 0.5],
    ['two half-lives', 28 * DAY, 0.25],
    ['the window’s last day', 90 * DAY, 0.5 ** (90 / 14)],
    ['past the window', 90 * DAY + 1, 0],
    ['in the future', -1, 0],
  ])('%s', (_title, age, expected) => expect(decay(age, 14, 90)).toBeCloseTo(expected, 12));
});

describe('scoreAreas', () => {
  it('gives the worst area on a factor its full weight, the others their share', () => {
    const [a, b, c] = scoreAreas([area('A', { cases: 10 }), area('B', { cases: 5, vulnerable: 4 }), area('C', {})], W);
    expect(a).toMatchObject({ areaId: 'B', score: 15 + 20 });
    expect(a!.factors).toEqual({ ...zero(), cases: 15, vulnerable: 20 });
    expect(b).toMatchObject({ areaId: 'A', score: 30, factors: { ...zero(), cases: 30 } });
    expect(c).toMatchObject({ areaId: 'C', score: 0 });
  });

  it('scores nothing where every area is zero on a factor, and 100 for the worst on every factor', () => {
    const all = Object.fromEntries(RISK_FACTORS.map((f) => [f, 3]));
    const [top] = scoreAreas([area('X', all), area('Y', { cases: 1 })], W);
    expect(top!.score).toBeCloseTo(100, 9);
    expect(scoreAreas([area('Z', {})], W)[0]!.score).toBe(0);
  });

  const raw = fc.record(
    Object.fromEntries(RISK_FACTORS.map((f) => [f, fc.double({ min: 0, max: 1e6, noNaN: true })])) as Record<
      keyof FactorValues,
      fc.Arbitrary<number>
    >,
  );
  const areas = fc
    .array(raw, { minLength: 1, maxLength: 30 })
    .map((rs) => rs.map((r, i) => ({ areaId: `A${i}`, name: `A${i}`, raw: r })));

  it('keeps every score within 0–100, as the sum of its contributions, best first', () => {
    fc.assert(
      fc.property(areas, (list) => {
        const scored = scoreAreas(list, W);
        for (const s of scored) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100 + 1e-9);
          expect(s.score).toBeCloseTo(
            RISK_FACTORS.reduce((n, f) => n + s.factors[f], 0),
            9,
          );
          for (const f of RISK_FACTORS) expect(s.factors[f]).toBeLessThanOrEqual(W[f] + 1e-9);
        }
        for (let i = 1; i < scored.length; i++) expect(scored[i - 1]!.score).toBeGreaterThanOrEqual(scored[i]!.score);
      }),
    );
  });

  it('never lowers an area for more of a factor (the others held)', () => {
    fc.assert(
      fc.property(
        areas,
        fc.constantFrom(...RISK_FACTORS),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (list, f, more) => {
          const before = scoreAreas(list, W).find((s) => s.areaId === 'A0')!.score;
          const bumped = list.map((a, i) => (i === 0 ? { ...a, raw: { ...a.raw, [f]: a.raw[f] + more } } : a));
          expect(scoreAreas(bumped, W).find((s) => s.areaId === 'A0')!.score).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
    );
  });

  it('rounds contributions to hundredths and makes the score their sum', () => {
    const r = rounded({ areaId: 'A', name: 'A', score: 0, factors: { ...zero(), cases: 1 / 3, vulnerable: 2 / 3 } });
    expect(r.factors.cases).toBe(0.33);
    expect(r.factors.vulnerable).toBe(0.67);
    expect(r.score).toBe(1);
  });

  it('names the factor that gives most of the score', () => {
    expect(mainFactor({ ...zero(), sentiment: 2, cameraGaps: 1 })).toBe('sentiment');
    expect(mainFactor(zero())).toBe('cases');
  });
});
