import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CollectionContent } from '../../definitions/CollectionContent';
import type { DossierData } from '../loadDossier';
import { dossierDocument } from './dossierDocument';
import { Labeller } from './Labeller';
import { renderPdf } from './renderPdf';

const hazard: CollectionContent = {
  key: 'safety_hazard',
  name: { zh: '隐患', en: 'Hazard' },
  fields: { title: { type: 'string', title: { zh: '隐患名称', en: 'Title' } }, deadline: { type: 'date', title: { zh: '治理期限', en: 'Deadline' } } },
  indexFields: [],
  states: [{ key: 'rectifying', name: { zh: '整改中', en: 'Rectifying' } }, { key: 'closed', name: { zh: '已销号', en: 'Closed' } }],
  initialState: 'rectifying',
  transitions: [],
};

async function pdfText(doc: Record<string, unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await renderPdf(doc, out, 'footer');
  return execFileSync('pdftotext', ['-raw', '-', '-'], { input: Buffer.concat(chunks) }).toString('utf8').replace(/\s+/g, '');
}

describe('dossierDocument', () => {
  it('splits hazards into open and closed, says when a section was cut, and falls back to the org name without an archive', async () => {
    // given an enterprise with no archive record and more hazards than a dossier lists
    const records = [
      { id: '1', status: 'rectifying', data: { title: '消防通道堵塞', deadline: '2026-12-31T20:00:00Z' }, createdAt: 0, updatedAt: 0 },
      { id: '2', status: 'closed', data: { title: '护栏松动' }, createdAt: 1, updatedAt: 1 },
    ];
    const d: DossierData = { org: { id: 'o', name: '某某有限公司', path: '/t/o/', tenantId: 't' }, sections: { safety_hazard: { collection: hazard, formEnums: {}, records, truncated: true } } };
    // when
    const text = await pdfText(dossierDocument(d, new Labeller('zh-CN'), new Date('2026-12-03T02:00:00Z')));
    // then
    expect(text).toContain('某某有限公司');
    expect(text).toMatch(/未销号（1）.*消防通道堵塞.*2027-01-01.*整改中.*已销号\/已驳回（1）.*护栏松动.*已销号/);
    expect(text).toContain('仅列出最早的1条');
    expect(text).toContain('（无记录）'); // the sections without a collection
  });
});
