import { describe, expect, it } from 'vitest';
import { TAXONOMY } from '../../server/domain/taxonomy';
import { caseDescription } from './caseText';
import { ITEM_PHRASES, taxonomyTerms } from './caseWords';
import { Rng } from './random';

describe('case words', () => {
  it('have at least three phrasings for every taxonomy item, each in its terms', () => {
    for (const item of TAXONOMY.items) {
      const phrases = ITEM_PHRASES[item.code];
      expect(phrases?.length, item.code).toBeGreaterThanOrEqual(3);
      const terms = taxonomyTerms(item.code);
      for (const p of phrases!)
        expect(
          terms.some((t) => p.includes(t)),
          `${item.code} ${p}`,
        ).toBe(true);
    }
    expect(Object.keys(ITEM_PHRASES).sort()).toEqual(TAXONOMY.items.map((i) => i.code).sort());
  });

  it('write a sentence with the time, the place and the unit, and vary it', () => {
    const rng = new Rng(1);
    const texts = Array.from({ length: 2000 }, (_, i) =>
      caseDescription(rng, {
        itemCode: '040101',
        source: 'patrol',
        label: i % 2 ? '紫来路607号附近：' : '龙眠花园3栋附近：',
        unitName: '太平社区',
        gridName: '太平社区第1网格',
        reportedMs: Date.parse('2026-03-21T11:20:00Z') + i * 3_600_000,
      }),
    );
    for (const t of texts) {
      expect(t).toMatch(/。$/);
      expect(t).toMatch(/紫来路607号|龙眠花园/);
      expect(taxonomyTerms('040101').some((term) => t.includes(term))).toBe(true);
    }
    // one item, two spots: still hardly a repeat
    expect(new Set(texts).size / texts.length).toBeGreaterThan(0.9);
    // the hour is China time: 11:20 UTC is 19:20 in Tongcheng
    expect(texts[0]).toMatch(/^(3月21日|今天)?(傍晚|晚上)|^3月21日19时20分|^傍晚7/);
  });
});
