// The PDF's Chinese font: Noto Sans SC (Noto Sans Hans, SIL Open Font License 1.1) as OpenType files
// shipped by the npm package @embedpdf/fonts-sc, so `npm ci` brings it and no system font is needed.
// pdfkit embeds the subset of glyphs a bulletin uses. The files are read, and parsed by fontkit (the
// font engine pdfkit itself uses), once per process: parsing the 8 MB CFF fonts for every PDF cost
// more than laying the PDF out.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

/** The names the PDF registers the two weights under. */
export const FONT_REGULAR = 'NotoSansSC';
export const FONT_BOLD = 'NotoSansSC-Bold';

const FILES = { [FONT_REGULAR]: 'NotoSansHans-Regular.otf', [FONT_BOLD]: 'NotoSansHans-Bold.otf' } as const;

/** The package's font folder (its only export is dist/index; the fonts sit beside dist). */
export function fontDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
}

let loaded: Record<keyof typeof FILES, Buffer> | null = null;
let parsed: Record<keyof typeof FILES, fontkit.Font> | null = null;

/** The two weights' bytes (8 MB each; read on first use, then kept). */
export function bulletinFonts(): Record<keyof typeof FILES, Buffer> {
  loaded ??= {
    [FONT_REGULAR]: readFileSync(join(fontDir(), FILES[FONT_REGULAR])),
    [FONT_BOLD]: readFileSync(join(fontDir(), FILES[FONT_BOLD])),
  };
  return loaded;
}

/** The two weights parsed (pdfkit takes a fontkit font as a font source and subsets it per document). */
export function parsedBulletinFonts(): Record<keyof typeof FILES, fontkit.Font> {
  const bytes = bulletinFonts();
  parsed ??= {
    [FONT_REGULAR]: fontkit.create(bytes[FONT_REGULAR]) as fontkit.Font,
    [FONT_BOLD]: fontkit.create(bytes[FONT_BOLD]) as fontkit.Font,
  };
  return parsed;
}
