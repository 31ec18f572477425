// The PDF's Chinese font: Noto Sans SC (Noto Sans Hans, SIL Open Font License 1.1) as OpenType files
// shipped by the npm package @embedpdf/fonts-sc, so `npm ci` brings it and no system font is needed.
// pdfkit embeds the subset of glyphs a bulletin uses. The files are read once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The names the PDF registers the two weights under. */
export const FONT_REGULAR = 'NotoSansSC';
export const FONT_BOLD = 'NotoSansSC-Bold';

const FILES = { [FONT_REGULAR]: 'NotoSansHans-Regular.otf', [FONT_BOLD]: 'NotoSansHans-Bold.otf' } as const;

/** The package's font folder (its only export is dist/index; the fonts sit beside dist). */
export function fontDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
}

let loaded: Record<keyof typeof FILES, Buffer> | null = null;

/** The two weights' bytes (8 MB each; read on first use, then kept). */
export function bulletinFonts(): Record<keyof typeof FILES, Buffer> {
  loaded ??= {
    [FONT_REGULAR]: readFileSync(join(fontDir(), FILES[FONT_REGULAR])),
    [FONT_BOLD]: readFileSync(join(fontDir(), FILES[FONT_BOLD])),
  };
  return loaded;
}
