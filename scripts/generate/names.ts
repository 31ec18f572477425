// Synthetic Chinese personal names: a surname weighted by frequency (with Tongcheng's old local
// families 方、姚、张、吴、汪 weighted up) and a one- or two-character given name whose characters
// follow the fashion of the person's birth decade.
import type { Rng } from './random';

// [surname, relative weight]
const SURNAMES: [string, number][] = [
  ['王', 72],
  ['李', 70],
  ['张', 75],
  ['刘', 52],
  ['陈', 55],
  ['杨', 32],
  ['黄', 24],
  ['赵', 20],
  ['吴', 40],
  ['周', 22],
  ['徐', 20],
  ['孙', 15],
  ['马', 12],
  ['朱', 15],
  ['胡', 18],
  ['郭', 10],
  ['何', 10],
  ['高', 10],
  ['林', 9],
  ['罗', 8],
  ['郑', 8],
  ['梁', 7],
  ['谢', 8],
  ['宋', 7],
  ['唐', 7],
  ['许', 8],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 7],
  ['彭', 6],
  ['曾', 5],
  ['肖', 6],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 6],
  ['蒋', 6],
  ['蔡', 5],
  ['余', 8],
  ['杜', 5],
  ['叶', 6],
  ['程', 9],
  ['苏', 5],
  ['魏', 5],
  ['吕', 4],
  ['丁', 7],
  ['任', 4],
  ['沈', 4],
  ['姚', 30],
  ['卢', 4],
  ['钱', 5],
  ['汪', 28],
  ['方', 38],
  ['章', 8],
  ['檀', 6],
  ['江', 7],
  ['施', 5],
  ['金', 4],
  ['左', 6],
  ['光', 3],
  ['孔', 3],
  ['戴', 4],
  ['夏', 4],
  ['鲍', 3],
  ['查', 3],
  ['操', 4],
  ['储', 4],
  ['疏', 2],
  ['桂', 3],
  ['盛', 3],
  ['严', 3],
  ['陶', 4],
  ['齐', 2],
  ['阮', 3],
  ['欧阳', 1],
];
const SURNAME_WEIGHTS = SURNAMES.map(([, w]) => w);

// Given-name characters by era and sex.
const GIVEN: Record<'old' | 'mid' | 'young', Record<'M' | 'F', string>> = {
  old: {
    M: '国建华明德富贵林生根友志忠保长发春荣福海金玉成永庆祥兴旺仁义才山',
    F: '秀英兰珍凤芳桂花梅莲翠娥玉琴淑云香菊霞巧爱素银月群美',
  },
  mid: {
    M: '军伟勇强磊斌刚杰涛波辉峰亮俊超东明平利红兵文武卫新宏晓志',
    F: '丽静敏燕娟艳红霞玲萍莉芳洁慧琳婷丹霞雪梅晓春华秀',
  },
  young: {
    M: '子浩宇轩博文睿涵俊杰泽晨一鹏梓航铭昊然天佑诚嘉豪思源逸凡',
    F: '子涵欣怡梓萱雨诗语彤佳琪可馨思若依晨悦婉清妍雅心安梦瑶',
  },
};

export function pickSurname(rng: Rng): string {
  return SURNAMES[rng.weighted(SURNAME_WEIGHTS)]![0];
}

export function givenName(rng: Rng, sex: 'M' | 'F', birthYear: number): string {
  const era = birthYear < 1960 ? 'old' : birthYear < 1990 ? 'mid' : 'young';
  const chars = GIVEN[era][sex];
  // One-character given names were common mid-century; two characters dominate otherwise.
  const single = era === 'mid' ? 0.35 : era === 'old' ? 0.2 : 0.12;
  const a = chars[rng.int(0, chars.length - 1)]!;
  if (rng.chance(single)) return a;
  let b = chars[rng.int(0, chars.length - 1)]!;
  if (b === a && rng.chance(0.7)) b = chars[rng.int(0, chars.length - 1)]!;
  return a + b;
}

export function fullName(rng: Rng, sex: 'M' | 'F', birthYear: number, surname = pickSurname(rng)): string {
  return surname + givenName(rng, sex, birthYear);
}
