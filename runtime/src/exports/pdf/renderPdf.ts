import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PdfPrinter from 'pdfmake';

const require = createRequire(import.meta.url);

/** The font family of every SafeFlow PDF: Noto Sans SC (complete CJK TTF, OFL-1.1) from `@expo-google-fonts/noto-sans-sc`. */
export const PDF_FONT = 'NotoSansSC';

let printer: PdfPrinter | undefined;

/**
 * The shared printer: the two font files (about 10 MB each) read from
 * node_modules once and kept in memory (reading them for every document costs
 * more than the rest of a small one); pdfkit embeds only the glyphs a
 * document uses.
 */
function pdfPrinter(): PdfPrinter {
  if (!printer) {
    const normal = fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
    const bold = fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'));
    printer = new PdfPrinter({ [PDF_FONT]: { normal, bold, italics: normal, bolditalics: bold } });
  }
  return printer;
}

/**
 * Renders a pdfmake document definition (built by SafeFlow code from data,
 * never evaluated from definitions) to `out`, with the CJK font as default,
 * A4 and page numbers `n / total` in the footer.
 */
export async function renderPdf(doc: Record<string, unknown>, out: Writable, footerText: string): Promise<void> {
  const pdf = pdfPrinter().createPdfKitDocument({
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    defaultStyle: { font: PDF_FONT, fontSize: 10 },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: footerText, fontSize: 8, color: '#666666', margin: [40, 0, 0, 0] },
        { text: `${page} / ${pages}`, alignment: 'right', fontSize: 8, margin: [0, 0, 40, 0] },
      ],
    }),
    ...doc,
  });
  const done = pipeline(pdf, out);
  pdf.end();
  await done;
}
