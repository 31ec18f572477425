// The risk configuration: the repository's file is valid, and a bad one is refused with the field named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRiskConfig } from './domain/risk/config';
import { FACTOR_TEXT, RISK_FACTORS } from './domain/risk/factors';

const FILE = readFileSync('config/risk.json', 'utf8');
const edit = (f: (c: any) => void) => {
  const c = JSON.parse(FILE);
  f(c);
  return JSON.stringify(c);
};

describe('risk configuration', () => {
  it('reads the repository’s config/risk.json, weights adding up to 100', () => {
    const c = parseRiskConfig(FILE);
    expect(Object.keys(c.weights).sort()).toEqual([...RISK_FACTORS].sort());
    expect(Object.values(c.weights).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it.each([
    ['weights not adding up to 100', edit((c) => (c.weights.cases = 31)), /weights.*add up to 100/],
    ['a negative weight', edit((c) => (c.weights.cases = -5)), /weights\.cases/],
    ['an unknown factor', edit((c) => (c.weights.noise = 0)), /weights/],
    ['a missing factor', edit((c) => delete c.weights.sentiment), /weights\.sentiment/],
    ['a zero half-life', edit((c) => (c.cases.halfLifeDays = 0)), /cases\.halfLifeDays/],
    ['a fractional window', edit((c) => (c.sentiment.windowDays = 1.5)), /sentiment\.windowDays/],
    ['an unknown vulnerable tag', edit((c) => (c.vulnerable.tags.veteran = 1)), /vulnerable\.tags/],
    ['not JSON', '{ weights: ', /not JSON/],
  ])('refuses %s, naming it', (_title, text, message) => {
    expect(() => parseRiskConfig(text, 'risk.json')).toThrow(message);
    expect(() => parseRiskConfig(text, 'risk.json')).toThrow(/^risk\.json: /);
  });

  it('explains every factor in Chinese and English', () => {
    for (const f of RISK_FACTORS) {
      expect(FACTOR_TEXT[f].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(FACTOR_TEXT[f].en.length).toBeGreaterThan(20);
    }
  });
});
