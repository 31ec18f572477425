// The 22 departments of Tongcheng's joint-duty system (大联勤). The article names police, urban
// management, market supervision and housing & construction; the rest are the usual members of a
// county-level joint-duty roster, listed here so every taxonomy item and component has an owner.
import type { Department } from './model';

export const DEPARTMENTS: readonly Department[] = [
  { id: 'D01', name: '市公安局', nameEn: 'Public Security Bureau' },
  { id: 'D02', name: '市城市管理局', nameEn: 'Urban Management Bureau' },
  { id: 'D03', name: '市市场监督管理局', nameEn: 'Market Supervision Bureau' },
  { id: 'D04', name: '市住房和城乡建设局', nameEn: 'Housing and Construction Bureau' },
  { id: 'D05', name: '市自然资源和规划局', nameEn: 'Natural Resources and Planning Bureau' },
  { id: 'D06', name: '市生态环境分局', nameEn: 'Ecology and Environment Bureau' },
  { id: 'D07', name: '市交通运输局', nameEn: 'Transport Bureau' },
  { id: 'D08', name: '市水利局', nameEn: 'Water Resources Bureau' },
  { id: 'D09', name: '市卫生健康委员会', nameEn: 'Health Commission' },
  { id: 'D10', name: '市教育局', nameEn: 'Education Bureau' },
  { id: 'D11', name: '市民政局', nameEn: 'Civil Affairs Bureau' },
  { id: 'D12', name: '市人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau' },
  { id: 'D13', name: '市应急管理局', nameEn: 'Emergency Management Bureau' },
  { id: 'D14', name: '市消防救援大队', nameEn: 'Fire and Rescue Brigade' },
  { id: 'D15', name: '市文化旅游体育局', nameEn: 'Culture, Tourism and Sports Bureau' },
  { id: 'D16', name: '市农业农村局', nameEn: 'Agriculture and Rural Affairs Bureau' },
  { id: 'D17', name: '市林业局', nameEn: 'Forestry Bureau' },
  { id: 'D18', name: '市司法局', nameEn: 'Justice Bureau' },
  { id: 'D19', name: '市信访局', nameEn: 'Letters and Visits Bureau' },
  { id: 'D20', name: '国网桐城市供电公司', nameEn: 'State Grid Tongcheng Power Supply' },
  { id: 'D21', name: '桐城市水务公司', nameEn: 'Tongcheng Water Company' },
  { id: 'D22', name: '桐城市燃气公司', nameEn: 'Tongcheng Gas Company' },
];

export const DEPARTMENT_IDS = DEPARTMENTS.map((d) => d.id);
