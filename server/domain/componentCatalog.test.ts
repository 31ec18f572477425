import { describe, expect, it } from 'vitest';
import {
  COMPONENT_CATEGORIES,
  COMPONENT_SUBTYPES,
  componentCode,
  componentSubtype,
  MANHOLE_SUBTYPE_CODES,
} from './componentCatalog';
import { DEPARTMENT_IDS } from './departments';

describe('component catalogue (GB/T 30428 style)', () => {
  it('has the six categories of the standard', () => {
    expect(COMPONENT_CATEGORIES.map((c) => c.name)).toEqual([
      '公用设施',
      '道路交通设施',
      '市容环境设施',
      '园林绿化设施',
      '房屋土地',
      '其他设施',
    ]);
  });

  it.each(COMPONENT_SUBTYPES.map((t) => [t.code, t] as const))('subtype %s is well formed', (code, t) => {
    expect(code).toMatch(/^\d{4}$/);
    expect(code.startsWith(t.categoryCode)).toBe(true);
    expect(COMPONENT_CATEGORIES.some((c) => c.code === t.categoryCode)).toBe(true);
    expect(DEPARTMENT_IDS).toContain(t.departmentId);
    expect(t.weight).toBeGreaterThan(0);
    expect(t.name).toMatch(/\p{Script=Han}/u);
    expect(t.nameEn.length).toBeGreaterThan(2);
    expect(['main-road', 'any-road', 'junction', 'compound', 'park', 'river', 'hamlet']).toContain(t.placement);
  });

  it('has unique subtype codes and every category populated', () => {
    const codes = COMPONENT_SUBTYPES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of COMPONENT_CATEGORIES) expect(COMPONENT_SUBTYPES.some((t) => t.categoryCode === c.code)).toBe(true);
  });

  it.each([
    ['0101', '上水井盖'],
    ['0102', '污水井盖'],
    ['0103', '雨水井盖'],
    ['0108', '消火栓'],
    ['0110', '路灯'],
    ['0112', '监控电子眼'],
    ['0201', '公交候车亭'],
    ['0302', '垃圾箱'],
    ['0401', '行道树'],
  ])('knows %s %s', (code, name) => {
    expect(componentSubtype(code).name).toBe(name);
  });

  it('lists manhole covers that are road components', () => {
    for (const code of MANHOLE_SUBTYPE_CODES) {
      expect(componentSubtype(code).name).toMatch(/井盖$/);
      expect(['main-road', 'any-road']).toContain(componentSubtype(code).placement);
    }
  });

  it.each([
    ['340881', '0101', 123, '340881-01-0101-000123'],
    ['340881', '0401', 1, '340881-04-0401-000001'],
  ])('codes %s/%s/%d as %s', (county, subtype, serial, code) => {
    expect(componentCode(county, subtype, serial)).toBe(code);
  });
});
