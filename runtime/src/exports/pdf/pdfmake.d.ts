/** The part of pdfmake 0.2's server-side API SafeFlow uses (the package ships no types). */
declare module 'pdfmake' {
  import type { Readable } from 'node:stream';

  export interface PdfFontFiles {
    normal: string | Buffer;
    bold: string | Buffer;
    italics: string | Buffer;
    bolditalics: string | Buffer;
  }

  /** A pdfkit document: a readable stream of the PDF bytes once `end()` is called. */
  export type PdfKitDocument = Readable & { end(): void };

  export default class PdfPrinter {
    constructor(fonts: Record<string, PdfFontFiles>);
    createPdfKitDocument(docDefinition: object, options?: object): PdfKitDocument;
  }
}
