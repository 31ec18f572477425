// UI text of the risk model (风险研判) wherever it is shown: the big screen's risk map and panel, the
// analyst's workspace. Factor names and what each measures, in Chinese and English; client/i18n.ts
// merges it into the dictionaries. The factors are server/domain/risk's, weighed in config/risk.json.

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
  'risk.legend': '风险值 0–100，按各因子贡献相加',
  'risk.factor.cases': '近期事件',
  'risk.factor.openOverdue': '在办与超期',
  'risk.factor.sensorAlarms': '感知告警与积水',
  'risk.factor.vulnerable': '困难与独居人群',
  'risk.factor.cameraGaps': '监控盲区',
  'risk.factor.sentiment': '负面舆情',
  'risk.explain.cases': '近期上报的事件，按严重程度加权，越近权重越高。',
  'risk.explain.openOverdue': '尚未办结的事件，以及按时限已经超期的事件。',
  'risk.explain.sensorAlarms': '传感器告警与积水迹象（雨量计、井盖水位）。',
  'risk.explain.vulnerable': '独居老人、残疾人、留守儿童与低收入居民，按户落到楼栋。',
  'risk.explain.cameraGaps': '没有任何摄像头覆盖的区域所占比例。',
  'risk.explain.sentiment': '负面舆情的数量与比例。',
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
  'risk.legend': 'Risk 0–100, the sum of the factors below',
  'risk.factor.cases': 'Recent cases',
  'risk.factor.openOverdue': 'Open and overdue',
  'risk.factor.sensorAlarms': 'Sensor alarms, flooding',
  'risk.factor.vulnerable': 'Vulnerable residents',
  'risk.factor.cameraGaps': 'Camera blind spots',
  'risk.factor.sentiment': 'Negative sentiment',
  'risk.explain.cases': 'Cases reported recently, weighted by severity, the newer the heavier.',
  'risk.explain.openOverdue': 'Cases not yet closed, and those past their time limit.',
  'risk.explain.sensorAlarms': 'Sensor alarms and signs of flooding (rain gauges, manhole water levels).',
  'risk.explain.vulnerable':
    'Elderly living alone, disabled, left-behind children and low-income residents, by household and building.',
  'risk.explain.cameraGaps': 'The share of the ground that no camera covers.',
  'risk.explain.sentiment': 'How much of the sentiment is negative.',
};
