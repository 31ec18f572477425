// The bulletin as an A4 PDF, written in JavaScript by pdfkit with Noto Sans SC embedded (a subset:
// only the glyphs used), and the charts and the map drawn as vectors from their SVG by svg-to-pdfkit.
// No browser: it works wherever `npm ci` has run (docs/adr/0013-bulletin-pdf.md). Its text and tables
// are content.ts's, the same as the HTML page's.
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { BULLETIN_LEVELS, BULLETIN_TITLE, type Bulletin, monthZh } from '../domain/bulletin';
import { categoryChart, dailyChart } from './charts';
import {
  deductionsTable,
  headlineCards,
  hotSpotsTable,
  lastPlacesTable,
  leaderDaySection,
  masthead,
  rankingTable,
  SECTIONS,
  summary,
  type Table,
  warningsTable,
} from './content';
import { FONT_BOLD, FONT_REGULAR, parsedBulletinFonts } from './fonts';
import { riskMap } from './map';

const MARGIN = 40;
const RED = '#b91c1c';
const NAVY = '#1e3a8a';
const GREY = '#6b7280';
const TEXT = '#1f2937';

type Doc = PDFKit.PDFDocument;

/** Page space left below the cursor. */
const room = (doc: Doc) => doc.page.height - doc.page.margins.bottom - doc.y;
const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function ensure(doc: Doc, height: number) {
  if (room(doc) < height) doc.addPage();
}

function heading(doc: Doc, text: string) {
  ensure(doc, 90);
  doc.moveDown(0.8);
  const y = doc.y;
  doc.rect(MARGIN, y + 1, 4, 15).fill(RED);
  doc
    .font(FONT_BOLD)
    .fontSize(13)
    .fillColor(TEXT)
    .text(text, MARGIN + 10, y, { width: width(doc) - 10 });
  doc.moveDown(0.3);
}

function subheading(doc: Doc, text: string) {
  ensure(doc, 60);
  doc.moveDown(0.4);
  doc
    .font(FONT_BOLD)
    .fontSize(10.5)
    .fillColor(TEXT)
    .text(text, MARGIN, doc.y, { width: width(doc) });
  doc.moveDown(0.2);
}

function paragraph(doc: Doc, text: string, opts: { size?: number; color?: string } = {}) {
  doc
    .font(FONT_REGULAR)
    .fontSize(opts.size ?? 9.5)
    .fillColor(opts.color ?? TEXT)
    .text(text, MARGIN, doc.y, { width: width(doc), lineGap: 2 });
}

/**
 * echarts gives labels a white halo drawn under the text (`paint-order="stroke"`); svg-to-pdfkit
 * ignores paint-order and would paint the halo over the glyphs, so the halo goes.
 */
const withoutHalos = (source: string) =>
  source.replace(/<text[^>]*paint-order="stroke"[^>]*>/g, (tag) =>
    tag.replace(/ (stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, ''),
  );

function svg(doc: Doc, source: string, height: number) {
  ensure(doc, height + 4);
  SVGtoPDF(doc, withoutHalos(source), MARGIN, doc.y, {
    width: width(doc),
    height,
    preserveAspectRatio: 'xMidYMin meet',
    // Every family the charts name is the embedded font (a system font name would not be found).
    fontCallback: (_family: string, bold: boolean) => (bold ? FONT_BOLD : FONT_REGULAR),
  });
  doc.y += height + 4;
  doc.x = MARGIN;
}

const ROW = 15;

function table(doc: Doc, t: Table) {
  const w = width(doc);
  const xs: number[] = [];
  let x = MARGIN;
  for (const c of t.columns) {
    xs.push(x);
    x += c.width * w;
  }
  const cell = (text: string, i: number, y: number, font: string) => {
    const c = t.columns[i];
    const cw = (c?.width ?? 0.2) * w;
    doc
      .font(font)
      .fontSize(8)
      .text(text, (xs[i] ?? MARGIN) + 3, y + 3.5, {
        width: cw - 6,
        height: ROW - 3,
        align: c?.align ?? 'left',
        ellipsis: true,
        lineBreak: false,
      });
  };
  const header = () => {
    const y = doc.y;
    doc.rect(MARGIN, y, w, ROW).fill(NAVY);
    doc.fillColor('#ffffff');
    t.columns.forEach((c, i) => {
      cell(c.head, i, y, FONT_BOLD);
    });
    doc.y = y + ROW;
  };
  ensure(doc, ROW * 3);
  header();
  t.rows.forEach((row, r) => {
    if (room(doc) < ROW) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    if (r % 2 === 1) doc.rect(MARGIN, y, w, ROW).fill('#f3f4f6');
    doc
      .moveTo(MARGIN, y + ROW)
      .lineTo(MARGIN + w, y + ROW)
      .lineWidth(0.4)
      .stroke('#e5e7eb');
    doc.fillColor(TEXT);
    row.forEach((v, i) => {
      cell(v, i, y, FONT_REGULAR);
    });
    doc.y = y + ROW;
  });
  doc.x = MARGIN;
  if (t.note) {
    doc.moveDown(0.3);
    paragraph(doc, t.note, { size: 8, color: GREY });
  }
}

function cards(doc: Doc, items: [string, string][]) {
  ensure(doc, 52);
  const gap = 6;
  const w = (width(doc) - gap * (items.length - 1)) / items.length;
  const y = doc.y + 4;
  items.forEach(([label, value], i) => {
    const x = MARGIN + i * (w + gap);
    doc.roundedRect(x, y, w, 44, 4).fillAndStroke('#f9fafb', '#e5e7eb');
    doc
      .font(FONT_BOLD)
      .fontSize(14)
      .fillColor(NAVY)
      .text(value, x, y + 6, { width: w, align: 'center', lineBreak: false });
    doc
      .font(FONT_REGULAR)
      .fontSize(8)
      .fillColor(GREY)
      .text(label, x, y + 27, { width: w, align: 'center', lineBreak: false });
  });
  doc.y = y + 52;
  doc.x = MARGIN;
}

/** The PDF's bytes. */
export async function bulletinPdf(b: Bulletin): Promise<Buffer> {
  const m = masthead(b);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${BULLETIN_TITLE} ${m.title}`, Author: m.publisher, Subject: m.scope, Creator: 'Wendu Twin' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as a source (its types name only files and bytes).
  const fonts = parsedBulletinFonts() as unknown as Record<string, Buffer>;
  doc.registerFont(FONT_REGULAR, fonts[FONT_REGULAR]!);
  doc.registerFont(FONT_BOLD, fonts[FONT_BOLD]!);

  // Masthead
  doc.font(FONT_BOLD).fontSize(30).fillColor(RED).text(BULLETIN_TITLE, MARGIN, MARGIN, { characterSpacing: 3 });
  const metaY = doc.y + 2;
  doc.font(FONT_REGULAR).fontSize(9.5).fillColor('#4b5563').text(m.publisher, MARGIN, metaY, { lineBreak: false });
  doc.text(m.issue, MARGIN, metaY, { width: width(doc), align: 'right' });
  doc.y = metaY + 16;
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width(doc), doc.y)
    .lineWidth(2.5)
    .stroke(RED);
  doc.y += 10;
  doc
    .font(FONT_BOLD)
    .fontSize(15)
    .fillColor(TEXT)
    .text(m.title, MARGIN, doc.y, { width: width(doc) });
  doc.moveDown(0.2);
  paragraph(doc, m.scope, { size: 8, color: GREY });

  heading(doc, SECTIONS.overview);
  cards(doc, headlineCards(b));
  paragraph(doc, summary(b));
  subheading(doc, '每日上报与结案');
  svg(doc, dailyChart(b), 200);
  subheading(doc, '案件大类分布');
  svg(doc, categoryChart(b), 185);

  heading(doc, SECTIONS.rankings);
  for (const r of b.rankings) {
    subheading(doc, BULLETIN_LEVELS.find((l) => l.level === r.level)!.zh);
    table(doc, rankingTable(r));
  }
  doc.moveDown(0.3);
  paragraph(
    doc,
    '综合得分按考核评价办法计算（立案率、派遣准确率、按时率、一次办结率、结案率、满意度、办理时效加权，扣分另减），按时率为各环节按时率的平均，满意率为满意与基本满意之和。',
    { size: 8, color: GREY },
  );

  heading(doc, SECTIONS.lastPlaces);
  subheading(doc, '本月末位');
  table(doc, lastPlacesTable(b));
  subheading(doc, '年度末位预警');
  const warnings = warningsTable(b);
  if (b.warnings.units.length) table(doc, warnings);
  else paragraph(doc, `${warnings.note}本月无预警单位。`);

  heading(doc, SECTIONS.deductions);
  paragraph(doc, `本月上报案件中超期扣分${b.deductions.cases}件，共扣${b.deductions.points}分。`);
  doc.moveDown(0.3);
  if (b.deductions.listed.length) table(doc, deductionsTable(b));

  heading(doc, SECTIONS.risk);
  svg(doc, riskMap(b, 515, 340), 340);
  table(doc, hotSpotsTable(b));

  heading(doc, SECTIONS.leaderDay);
  const leader = leaderDaySection(b);
  for (const line of leader.lines) paragraph(doc, line);
  if (leader.table) {
    doc.moveDown(0.3);
    table(doc, leader.table);
  }
  doc.moveDown(1);
  paragraph(doc, m.built, { size: 8, color: GREY });

  // Footers, once the pages are known (written inside the bottom margin, which must not break the page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT_REGULAR)
      .fontSize(8)
      .fillColor(GREY)
      .text(
        `${BULLETIN_TITLE} ${monthZh(b.month)} · 第 ${i + 1} / ${range.count} 页`,
        MARGIN,
        doc.page.height - MARGIN + 4,
        { width: width(doc), align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
