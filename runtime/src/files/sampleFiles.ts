import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

/**
 * Real files for upload tests, generated in code (no binary fixtures in the
 * repository): a valid 1×1 PNG, a 1×1 JPEG, a minimal PDF with a correct
 * xref table, an XLSX written by exceljs, and hostile samples (ELF and PE
 * executables, SVG and HTML with script).
 */
export const sampleFiles = {
  /** A valid 1×1 RGBA PNG (signature, IHDR, IDAT, IEND with CRCs). */
  png(): Buffer {
    const chunk = (type: string, data: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(data.length);
      const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([len, body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(1, 0);
    ihdr.writeUInt32BE(1, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 6; // RGBA
    const raw = Buffer.from([0, 0xff, 0x00, 0x00, 0xff]); // filter byte + one red pixel
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(raw)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  },

  /** A 1×1 greyscale baseline JPEG. */
  jpeg(): Buffer {
    return Buffer.from(
      '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
      'base64',
    );
  },

  /** A one-page PDF 1.4 with a correct cross-reference table. */
  pdf(): Buffer {
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
      '<< /Length 35 >>\nstream\nBT /F1 12 Tf 20 100 Td (SafeFlow) Tj ET\nendstream',
    ];
    let out = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((o, i) => {
      offsets.push(Buffer.byteLength(out));
      out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = Buffer.byteLength(out);
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
  },

  /** An XLSX workbook (a zip container) written by exceljs. */
  async xlsx(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('隐患台账').addRow(['编号', '隐患描述']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  },

  /** A UTF-8 CSV with Chinese text. */
  csv(): Buffer {
    return Buffer.from('编号,隐患描述,等级\n1,消防通道堵塞,一般\n', 'utf8');
  },

  /** The start of a 64-bit Linux ELF executable. */
  elf(): Buffer {
    const b = Buffer.alloc(128);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]).copy(b);
    b.writeUInt16LE(2, 16); // ET_EXEC
    b.writeUInt16LE(0x3e, 18); // x86-64
    return b;
  },

  /** The start of a Windows PE executable (MZ header pointing at a PE header). */
  pe(): Buffer {
    const b = Buffer.alloc(256);
    b.write('MZ', 0, 'ascii');
    b.writeUInt32LE(0x80, 0x3c);
    b.write('PE\0\0', 0x80, 'latin1');
    b.writeUInt16LE(0x14c, 0x84); // i386
    return b;
  },

  /** An SVG image carrying script (with and without the XML declaration). */
  svg(withDeclaration: boolean): Buffer {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(document.cookie)</script></svg>';
    return Buffer.from((withDeclaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '') + svg, 'utf8');
  },

  /** An HTML page carrying script. */
  html(): Buffer {
    return Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>', 'utf8');
  },

  /** A shell script. */
  script(): Buffer {
    return Buffer.from('#!/bin/sh\nrm -rf /\n', 'utf8');
  },
};

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
