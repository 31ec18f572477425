import { describe, expect, it } from 'vitest';
import { scopeKindOf, scopeOptions, unitsFor } from './scopeOptions.model';

const units = [
  { id: 'C', name: '桐城市', level: 'city', parentId: null },
  { id: 'S1', name: '文昌街道', level: 'subdistrict', parentId: 'C' },
  { id: 'S1C1', name: '太平社区', level: 'community', parentId: 'S1' },
  { id: 'S1C1G01', name: '第1网格', level: 'grid', parentId: 'S1C1' },
  { id: 'T1', name: '新渡镇', level: 'town', parentId: 'C' },
  { id: 'T1V1', name: '官桥村', level: 'village', parentId: 'T1' },
];
const departments = [{ id: 'D02', name: '市城市管理局', nameEn: 'Urban Management Bureau' }];

describe('scopeOptions', () => {
  const options = scopeOptions(units, departments);
  it('names a unit by its path below the city', () => {
    expect(options.names.get('S1C1G01')).toBe('文昌街道 / 太平社区 / 第1网格');
    expect(options.names.get('D02')).toBe('市城市管理局 (D02)');
    expect(options.names.has('C')).toBe(false);
  });
  it('offers each role the units of its levels', () => {
    expect(unitsFor(options, 'gridworker').map((u) => u.id)).toEqual(['S1C1G01']);
    expect(unitsFor(options, 'community').map((u) => u.id)).toEqual(['S1C1', 'T1V1']);
    expect(unitsFor(options, 'subdistrict').map((u) => u.id)).toEqual(['S1', 'T1']);
    expect(unitsFor(options, 'centre')).toEqual([]);
  });
  it('knows what scope a role takes', () => {
    expect(scopeKindOf('department')).toEqual({ kind: 'department' });
    expect(scopeKindOf('admin')).toEqual({ kind: 'city' });
    expect(scopeKindOf('gridworker')).toEqual({ kind: 'unit', levels: ['grid'] });
  });
});
