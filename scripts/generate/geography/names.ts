// Chinese names for generated places: roads, residential compounds, public buildings, markets.
// Several recall Tongcheng (龙眠山, 六尺巷, 紫来桥, the 桐城派 writers 方苞, 姚鼐, 戴名世).

export const URBAN_MAIN_ROADS = {
  eastWest: ['龙眠大道', '同安路', '盛唐路', '文昌路'],
  northSouth: ['龙腾路', '人民路', '和平路', '紫来路'],
  ring: '环城路',
} as const;

export const SECONDARY_ROADS = [
  '六尺巷路',
  '北大街',
  '南门街',
  '东大街',
  '西大街',
  '寺巷路',
  '胜利路',
  '建设路',
  '华山路',
  '投子路',
  '银杏路',
  '桐梓路',
  '椒园路',
  '双溪路',
  '龙王路',
  '孔城路',
  '金桥路',
  '新安路',
  '迎宾路',
  '站前路',
  '学府路',
  '书院路',
  '文庙街',
  '东作门街',
  '北门路',
  '桐溪路',
  '碧峰路',
  '龙池路',
  '龙山路',
  '大观路',
  '方苞路',
  '姚鼐路',
  '名世路',
  '天城路',
  '宜城路',
  '凤仪路',
  '香铺街',
  '仁和路',
  '兴和路',
  '振兴路',
  '青年路',
  '园林路',
  '沿河路',
  '滨河路',
  '墨园路',
  '桐城大道',
  '白马路',
  '钱庄路',
  '兴元路',
  '三里路',
];

export const TOWN_ROADS: Record<string, { main: string; secondary: string[] }> = {
  '340881103': { main: '新渡大道', secondary: ['新安渡路', '凤凰路', '金圩路', '香山路'] },
  '340881102': { main: '范岗大道', secondary: ['月山路', '樟枫路', '石井铺路', '棋盘岭路'] },
};

export const RIVER_NAME = '龙眠河';

/** Lanes (巷) of the old town: 六尺巷 and 寺巷 are real; the family lanes (方家巷...) recall its old clans. */
export const OLD_TOWN_LANES = [
  '六尺巷',
  '寺巷',
  '北后街',
  '南后街',
  '县后街',
  '学前巷',
  '方家巷',
  '姚家巷',
  '张家巷',
  '左家巷',
  '马家巷',
  '城隍庙巷',
  '盐店巷',
  '米市巷',
  '鱼市巷',
  '铁匠巷',
  '当铺巷',
  '井巷',
];

const COMPOUND_STEMS = [
  '龙眠',
  '文昌',
  '桐梓',
  '紫来',
  '盛唐',
  '同安',
  '桐乡',
  '双溪',
  '椒园',
  '投子',
  '碧峰',
  '凤仪',
  '龙池',
  '墨香',
  '书香',
  '文都',
  '桂花',
  '翠竹',
  '金桥',
  '银杏',
  '阳光',
  '东方',
  '锦绣',
  '翡翠',
  '滨河',
  '沿河',
  '新城',
  '康居',
  '和谐',
  '幸福',
  '富康',
  '兴元',
  '白马',
  '桃园',
  '梧桐',
  '青山',
  '水岸',
  '学府',
  '御景',
  '华府',
];
const COMPOUND_SUFFIXES = [
  '花园',
  '小区',
  '苑',
  '家园',
  '华庭',
  '名都',
  '新村',
  '公寓',
  '佳园',
  '府',
  '雅居',
  '嘉园',
  '山庄',
  '新都',
];

/** The n-th compound name: stems × suffixes, then phase numbers (二期, 三期, ...) once they run out. */
export function compoundName(n: number): string {
  const combos = COMPOUND_STEMS.length * COMPOUND_SUFFIXES.length;
  // step through combinations with a stride coprime to their count so neighbours differ
  const k = (n * 157) % combos;
  const base = COMPOUND_STEMS[k % COMPOUND_STEMS.length]! + COMPOUND_SUFFIXES[Math.floor(k / COMPOUND_STEMS.length)]!;
  const phase = Math.floor(n / combos);
  return phase === 0 ? base : `${base}${CHINESE_NUMERALS[phase + 1] ?? phase + 1}期`;
}

export const CHINESE_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
