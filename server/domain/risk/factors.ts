// The named factors of the risk score (风险因子), in the order every view lists them, each explained
// in words (Chinese first, English) so a page can say what a contribution means. The maths behind
// each lives in score.ts (pure) and store/risk.ts (the same in DuckDB SQL); the weights and
// parameters in config/risk.json (config.ts validates it).

export const RISK_FACTORS = ['cases', 'openOverdue', 'sensorAlarms', 'vulnerable', 'cameraGaps', 'sentiment'] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

export interface FactorText {
  zh: string;
  en: string;
  /** What the raw value counts, before it is scaled against the other areas. */
  rawZh: string;
  rawEn: string;
}

export const FACTOR_TEXT: Record<RiskFactor, FactorText> = {
  cases: {
    zh: '近期案件：近期上报的案件按事项严重程度加权，越近权重越高（按半衰期衰减）。',
    en: 'Recent cases: cases reported recently, weighted by the severity of their item and decaying with age (half-life).',
    rawZh: '严重程度 × 衰减系数之和',
    rawEn: 'sum of severity × decay',
  },
  openOverdue: {
    zh: '未结与超期：当时仍未办结的案件，其中已超过处置时限的（按工作流时钟计算）加重计入。',
    en: 'Open and overdue: cases still open at the time, those past their limit (by the workflow clock) counting more.',
    rawZh: '未结案件数 × 未结权重 + 超期案件数 × 超期权重',
    rawEn: 'open cases × open weight + overdue cases × overdue weight',
  },
  sensorAlarms: {
    zh: '传感告警与内涝迹象：感知设备的告警按严重程度和时间衰减计入；雨量计和井内水位超过内涝阈值的小时数加倍计入。',
    en: 'Sensor alarms and flood signs: sensor alarms weighted by severity and decaying with age; hours in which rain gauges or manhole water levels passed the flood thresholds count extra.',
    rawZh: '告警严重程度 × 衰减之和 + 内涝小时数 × 衰减 × 内涝倍数',
    rawEn: 'sum of alarm severity × decay + flood hours × decay × flood multiplier',
  },
  vulnerable: {
    zh: '重点人群：独居老人、残疾人、留守儿童、低收入人员，经住户—楼栋落到所在区域，按类别加权。',
    en: 'Vulnerable residents: elderly living alone, disabled, left-behind children and low-income residents, placed through household → building, weighted by kind.',
    rawZh: '各类重点人员数 × 类别权重之和',
    rawEn: 'sum of vulnerable residents × weight of their kind',
  },
  cameraGaps: {
    zh: '视频盲区：没有任何摄像机视域覆盖的楼栋中的住户数。',
    en: 'Camera gaps: homes in buildings that no camera’s field of view reaches.',
    rawZh: '无视频覆盖楼栋的住户数',
    rawEn: 'dwellings in buildings no camera sees',
  },
  sentiment: {
    zh: '负面舆情：近期的负面舆情条数，越近权重越高。',
    en: 'Negative sentiment: recent negative posts and comments, decaying with age.',
    rawZh: '负面舆情 × 衰减之和',
    rawEn: 'sum of negative items × decay',
  },
};
