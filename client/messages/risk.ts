// UI text of the risk model (风险研判) wherever it is shown: the big screen's risk map and panel, the
// analyst's workspace: short factor names for tables, in Chinese and English (what each factor measures,
// in words, is server/domain/risk/factors.ts FACTOR_TEXT); client/i18n.ts merges it into the dictionaries.

export const riskZh = {
  'risk.title': '高风险网格',
  'risk.layer': '风险图层',
  'risk.show': '显示风险图层',
  'risk.hide': '隐藏风险图层',
  'risk.score': '风险值',
  'risk.main': '主因',
  'risk.none': '—',
  'risk.loading': '正在计算风险…',
  'risk.unavailable': '风险数据暂不可用：{message}',
  'risk.legend': '风险值 0–100，为各因子贡献之和',
  'risk.factor.cases': '近期事件',
  'risk.factor.openOverdue': '在办与超期',
  'risk.factor.sensorAlarms': '感知告警与积水',
  'risk.factor.vulnerable': '困难与独居人群',
  'risk.factor.cameraGaps': '监控盲区',
  'risk.factor.sentiment': '负面舆情',
};

export const riskEn: Record<keyof typeof riskZh, string> = {
  'risk.title': 'Highest-risk grids',
  'risk.layer': 'Risk map',
  'risk.show': 'Show the risk map',
  'risk.hide': 'Hide the risk map',
  'risk.score': 'Risk',
  'risk.main': 'Main factor',
  'risk.none': '—',
  'risk.loading': 'Scoring risk…',
  'risk.unavailable': 'Risk not available: {message}',
  'risk.legend': 'Risk 0–100, the sum of its factors',
  'risk.factor.cases': 'Recent cases',
  'risk.factor.openOverdue': 'Open and overdue',
  'risk.factor.sensorAlarms': 'Sensor alarms, flooding',
  'risk.factor.vulnerable': 'Vulnerable residents',
  'risk.factor.cameraGaps': 'Camera blind spots',
  'risk.factor.sentiment': 'Negative sentiment',
};
