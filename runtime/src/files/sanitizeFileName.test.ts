import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName } from './sanitizeFileName';

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system32\\cmd.exe', 'cmd.exe'],
    ['C:\\Users\\张三\\隐患照片.jpg', '隐患照片.jpg'],
    ['  report.pdf  ', 'report.pdf'],
    ['.htaccess', 'htaccess'],
    ['photo\u202egpj.exe', 'photogpj.exe'],
    ['a\u0000b\r\nc.txt', 'abc.txt'],
    ['..', 'file'],
    ['', 'file'],
    ['/', 'file'],
  ])('%j → %j', (raw, expected) => {
    // when
    const name = sanitizeFileName(raw);
    // then
    expect(name).toBe(expected);
  });

  it('cuts long names to 200 characters and keeps the extension', () => {
    // given
    const raw = '检'.repeat(300) + '.xlsx';
    // when
    const name = sanitizeFileName(raw);
    // then
    expect(Array.from(name)).toHaveLength(200);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name as filename*', () => {
    // when
    const value = contentDisposition('attachment', '整改通知 "1".pdf');
    // then
    expect(value).toBe(
      `attachment; filename="____ _1_.pdf"; filename*=UTF-8''${encodeURIComponent('整改通知 "1".pdf')}`,
    );
  });
});
