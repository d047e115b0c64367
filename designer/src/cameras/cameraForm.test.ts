import { describe, expect, it } from 'vitest';
import type { CameraDto } from './camerasApi';
import { beijingDate, bodyOf, formOf, formProblem, planPointOf } from './cameraForm';

const camera: CameraDto = {
  id: 'c1', orgId: 'o1', name: '罐区东', source: { kind: 'rtsp', url: 'rtsp://admin:***@10.0.0.5/ch1' }, location: { x: 120.5, y: 80 },
  zone: { name: '甲类罐区', risk: 'red' }, diagnostics: { thresholds: { blurMinLaplacian: 60, occlusionIntactRatio: 0.5 }, baseline: { laplacianVar: 321 } },
  enabled: false, revision: 3, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
};

describe('camera form', () => {
  it('gives back an unchanged camera as it was: *** password, baseline and thresholds the dialog does not offer kept', () => {
    // when
    const body = bodyOf(formOf(camera), camera);
    // then
    expect(body).toEqual({
      name: '罐区东', source: { kind: 'rtsp', url: 'rtsp://admin:***@10.0.0.5/ch1' }, location: { x: 120.5, y: 80 }, zone: { name: '甲类罐区', risk: 'red' },
      diagnostics: { thresholds: { blurMinLaplacian: 60, occlusionIntactRatio: 0.5 }, baseline: { laplacianVar: 321 } }, enabled: false,
    });
  });

  it('drops a cleared threshold, location and zone; switches to a file source', () => {
    // given
    const f = formOf(camera);
    f.thresholds.blurMinLaplacian = undefined;
    f.thresholds.castK = 1.4;
    f.x = undefined;
    f.y = undefined;
    f.zoneName = ' ';
    f.zoneRisk = '';
    f.sourceKind = 'file';
    f.path = ' /data/cam.mp4 ';
    // when
    const body = bodyOf(f, camera);
    // then
    expect(body.diagnostics.thresholds).toEqual({ occlusionIntactRatio: 0.5, castK: 1.4 });
    expect(body).toMatchObject({ location: null, zone: null, source: { kind: 'file', path: '/data/cam.mp4' } });
  });

  it('names the first problem of an incomplete form', () => {
    const f = formOf(null, 'o1');
    expect(formProblem(f)).toBe('name');
    f.name = 'x';
    expect(formProblem(f)).toBe('url');
    f.url = 'http://10.0.0.5/';
    expect(formProblem(f)).toBe('url');
    f.url = 'rtsps://10.0.0.5/live';
    expect(formProblem(f)).toBe(null);
    f.zoneName = '罐区';
    expect(formProblem(f)).toBe('zone');
    f.zoneRisk = 'orange';
    f.x = 3;
    expect(formProblem(f)).toBe('location');
    f.y = 0;
    expect(formProblem(f)).toBe(null);
    expect(formProblem(formOf(null))).toBe('org');
  });

  it('turns a click on the shown plan into plan units, clamped to the plan', () => {
    // a 1200×800 plan shown at 600×400: one screen pixel is two plan units
    expect(planPointOf({ offsetX: 100.33, offsetY: 50 }, { width: 600, height: 400 }, { width: 1200, height: 800 })).toEqual({ x: 200.7, y: 100 });
    expect(planPointOf({ offsetX: 700, offsetY: -3 }, { width: 600, height: 400 }, { width: 1200, height: 800 })).toEqual({ x: 1200, y: 0 });
  });

  it('knows the Beijing day near midnight UTC', () => {
    expect(beijingDate(Date.parse('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
    expect(beijingDate(Date.parse('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });
});
