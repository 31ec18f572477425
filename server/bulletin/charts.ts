// The bulletin's charts, drawn by echarts on the server as SVG text (renderer 'svg', ssr: true: no DOM,
// no canvas), so the HTML page inlines them and the PDF draws the same vectors (svg-to-pdfkit).
import * as echarts from 'echarts';
import type { Bulletin } from '../domain/bulletin';

/** The font the charts name; the PDF maps it to the embedded Noto Sans SC (pdf.ts), a browser to its own. */
export const CHART_FONT = "'Noto Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";
const COLORS = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626'];

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: CHART_FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The month's cases per day: reported (bars) and, of them, closed by now (line). */
export function dailyChart(b: Bulletin, width = 515, height = 220): string {
  return render(
    {
      legend: { top: 0, right: 0, textStyle: { fontSize: 10 } },
      grid: { left: 40, right: 12, top: 28, bottom: 28 },
      xAxis: {
        type: 'category',
        data: b.daily.map((d) => String(Number(d.day.slice(8)))),
        axisLabel: { fontSize: 9, interval: 0 },
        name: '日',
        nameGap: 4,
      },
      yAxis: { type: 'value', axisLabel: { fontSize: 9 }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
      series: [
        { type: 'bar', name: '上报', data: b.daily.map((d) => d.reported), barMaxWidth: 10 },
        { type: 'line', name: '其中已结案', data: b.daily.map((d) => d.closed), symbolSize: 3 },
      ],
    },
    width,
    height,
  );
}

/** The month's cases by taxonomy category, most first. */
export function categoryChart(b: Bulletin, width = 515, height = 200): string {
  const cats = [...b.categories].reverse();
  return render(
    {
      grid: { left: 120, right: 40, top: 8, bottom: 20 },
      xAxis: { type: 'value', axisLabel: { fontSize: 9 }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
      yAxis: { type: 'category', data: cats.map((c) => c.name), axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'bar',
          data: cats.map((c) => c.count),
          barMaxWidth: 14,
          label: { show: true, position: 'right', fontSize: 9 },
        },
      ],
    },
    width,
    height,
  );
}
