import { describe, expect, it } from 'vitest';
import { DEPARTMENT_IDS } from './departments';
import { STRUCTURE } from './facts';
import { findItem, getItem, itemPath, itemsOf, subcategoriesOf, TAXONOMY } from './taxonomy';

describe('taxonomy', () => {
  it('has exactly 9 / 32 / 90 entries with unique codes', () => {
    expect(TAXONOMY.categories).toHaveLength(STRUCTURE.taxonomy.categories);
    expect(TAXONOMY.subcategories).toHaveLength(STRUCTURE.taxonomy.subcategories);
    expect(TAXONOMY.items).toHaveLength(STRUCTURE.taxonomy.items);
    for (const list of [TAXONOMY.categories, TAXONOMY.subcategories, TAXONOMY.items]) {
      expect(new Set(list.map((x) => x.code)).size).toBe(list.length);
      expect(new Set(list.map((x) => x.name)).size).toBe(list.length);
    }
  });

  it('nests codes CC → CCSS → CCSSII and leaves no empty branch', () => {
    for (const c of TAXONOMY.categories) {
      expect(c.code).toMatch(/^\d{2}$/);
      expect(subcategoriesOf(c.code).length).toBeGreaterThan(0);
    }
    for (const s of TAXONOMY.subcategories) {
      expect(s.code).toMatch(/^\d{4}$/);
      expect(s.code.startsWith(s.categoryCode)).toBe(true);
      expect(itemsOf(s.code).length).toBeGreaterThan(0);
    }
    for (const i of TAXONOMY.items) {
      expect(i.code).toMatch(/^\d{6}$/);
      expect(i.code.startsWith(i.subcategoryCode)).toBe(true);
      expect(i.subcategoryCode.startsWith(i.categoryCode)).toBe(true);
    }
  });

  it('gives every item a known department, a severity, and a time limit in its band', () => {
    for (const i of TAXONOMY.items) {
      expect(DEPARTMENT_IDS).toContain(i.departmentId);
      expect([1, 2, 3]).toContain(i.severity);
      const h = i.timeLimitHours;
      // urgent items: 2–4 h of natural time; the rest: working hours, from one to 30 working days
      const band = i.severity === 3 ? [2, 4] : [1, 240];
      expect(h).toBeGreaterThanOrEqual(band[0]!);
      expect(h).toBeLessThanOrEqual(band[1]!);
      expect(i.name.length).toBeGreaterThan(0);
      expect(i.nameEn.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['流动摊贩', 1, 2],
    ['占道经营', 1, 2],
    ['暴露垃圾', 2, 4],
    ['机动车乱停放', 1, 4],
    ['路灯不亮', 8, 40],
    ['邻里纠纷', 16, 80],
    ['私搭乱建', 80, 160],
    ['违章建筑', 160, 240],
  ])('limits %s as the standards do: %i–%i (working) hours', (name, lo, hi) => {
    const item = TAXONOMY.items.find((i) => i.name === name)!;
    expect(item.timeLimitHours).toBeGreaterThanOrEqual(lo);
    expect(item.timeLimitHours).toBeLessThanOrEqual(hi);
  });

  it.each([
    ['占道经营', 'D02'],
    ['井盖缺失', 'D02'],
    ['食品安全', 'D03'],
    ['治安隐患', 'D01'],
    ['违章建筑', 'D02'],
    ['窨井冒溢', 'D21'],
    ['燃气泄漏', 'D22'],
    ['路灯不亮', 'D02'],
    ['劳资纠纷', 'D12'],
    ['火情', 'D14'],
  ])('routes %s to %s', (name, dept) => {
    const item = TAXONOMY.items.find((i) => i.name === name);
    expect(item?.departmentId).toBe(dept);
  });

  it('looks items up and prints their path', () => {
    expect(findItem('040101')?.name).toBe('占道经营');
    expect(findItem('999999')).toBeUndefined();
    expect(() => getItem('999999')).toThrow(/999999/);
    expect(itemPath('040101')).toBe('街面秩序 / 占道经营 / 占道经营');
    expect(itemPath('050201', 'en')).toBe('Emergencies / Accidents / Gas leak');
  });
});
