/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import { cellBox, parseCoco, parseDataYamlNames, parseYoloLabels } from '@safeflow/plugin-ai-detect';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../engine/testing/engineTestKit';
import { FRAME, PERSON_BOX, startAiReviewFixture, type AiReviewFixture } from './testing/aiReviewFixture';

describe('AI review endpoints: alarm review → the pack’s safety-hazard; samples fixed with revisions; dataset versions; enterprise scope', () => {
  let f: AiReviewFixture;
  beforeAll(async () => {
    f = await startAiReviewFixture({ prefix: 'rv' });
  }, 180_000);
  afterAll(async () => {
    await f?.close();
  }, 120_000);

  it('confirms an alarm through POST /ai/alarms/:id/review: the review task completes, the pack creates the hazard record with the snapshot', async () => {
    // given an open alarm of E1 waiting in the review
    const officer = f.creds('safetyOfficer');
    const { alarmId, processInstanceId, alarm } = await f.raiseAlarm('E1');
    // when another enterprise's officer tries, then E1's officer with a stale revision, then right
    expect((await f.api(f.creds('safetyOfficer', 2), 'POST', `/ai/alarms/${alarmId}/review`, { confirmed: true, revision: alarm.revision })).status).toBe(404);
    const stale = await f.api(officer, 'POST', `/ai/alarms/${alarmId}/review`, { confirmed: true, revision: alarm.revision - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('concurrency.conflict');
    const res = await f.api(officer, 'POST', `/ai/alarms/${alarmId}/review`, { confirmed: true, revision: alarm.revision });
    expect(res.status, res.text).toBe(200);
    // then the alarm is confirmed by the officer and the real safety-hazard registered the hazard with the snapshot
    await until(async () => (await f.api(officer, 'GET', `/ai/alarms/${alarmId}`)).body.status === 'confirmed', 30_000);
    expect((await f.api(officer, 'GET', `/ai/alarms/${alarmId}`)).body.reviewedBy).toBe(f.fx.user('safetyOfficer', 1).username);
    const { record } = await f.hazardOfPatrol(processInstanceId);
    expect(record.data).toMatchObject({ title: '作业人员未佩戴安全帽', source: '12', origin: 'ai-alarm', originId: alarmId });
    expect(record.data.photos.map((p: any) => p.fileId)).toEqual([alarm.snapshotFileId]);
    expect(record.orgId).toBe(f.fx.orgs.E1.id);
    const audit = await f.kit.deps.db.query<{ action: string; actor_name: string }>("SELECT action, actor_name FROM audit_log WHERE target_id = ? ORDER BY seq", [alarmId]);
    expect(audit.map((a) => a.action)).toEqual(['ai.alarm.raise', 'ai.alarm.link', 'ai.alarm.review.submit', 'ai.alarm.review']);
    expect(audit[2]!.actor_name).toBe(f.fx.user('safetyOfficer', 1).username);
    // and a reviewed alarm cannot be reviewed again
    const again = await f.api(officer, 'POST', `/ai/alarms/${alarmId}/review`, { confirmed: false, revision: (await f.api(officer, 'GET', `/ai/alarms/${alarmId}`)).body.revision });
    expect(again.body.code).toBe('alarm.already_reviewed');
  }, 120_000);

  it('fixes a sample’s box with its revision (stale 409, bad box / unknown label 400, nothing written), audited; E2 sees none of E1’s samples', async () => {
    // given E1's alarm sample (the alarm above) and one of E2
    await f.raiseAlarm('E2');
    const officer = f.creds('safetyOfficer');
    const mine = (await f.api(officer, 'GET', '/ai/samples')).body.items as any[];
    const theirs = (await f.api(f.creds('safetyOfficer', 2), 'GET', '/ai/samples')).body.items as any[];
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.orgId === f.fx.orgs.E1.id)).toBe(true);
    expect(theirs.every((s) => s.orgId === f.fx.orgs.E2.id)).toBe(true);
    const sample = mine.find((s) => s.reason === 'alarm');
    expect(sample.predictions[0].box).toEqual(PERSON_BOX);
    const fixed = { x1: PERSON_BOX.x1 + 10, y1: PERSON_BOX.y1 + 5, x2: PERSON_BOX.x2 + 10, y2: PERSON_BOX.y2 + 5 };
    // when: out of the image, an unknown label, E2 writing E1's sample — all refused
    expect((await f.api(officer, 'PUT', `/ai/samples/${sample.id}/annotations`, { annotations: [{ label: 'person', box: { ...fixed, x2: 5000 } }], revision: sample.revision })).body.code).toBe('ai_sample.bad_box');
    expect((await f.api(officer, 'PUT', `/ai/samples/${sample.id}/annotations`, { annotations: [{ label: 'unicorn', box: fixed }], revision: sample.revision })).body.code).toBe('ai_sample.unknown_label');
    expect((await f.api(f.creds('safetyOfficer', 2), 'PUT', `/ai/samples/${sample.id}/annotations`, { annotations: [], revision: sample.revision })).status).toBe(404);
    // when the officer saves a moved box plus a helmet
    const put = await f.api(officer, 'PUT', `/ai/samples/${sample.id}/annotations`, { annotations: [{ label: 'person', box: fixed }, { label: 'safehat', box: { x1: 10, y1: 10, x2: 40, y2: 40 } }], revision: sample.revision });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ revision: sample.revision + 1, negative: false, annotations: [{ label: 'person', box: fixed }, { label: 'safehat' }] });
    // then a second save with the old revision is a conflict and leaves the boxes as they are
    const stale = await f.api(officer, 'PUT', `/ai/samples/${sample.id}/annotations`, { annotations: [], revision: sample.revision });
    expect(stale.status).toBe(409);
    const after = ((await f.api(officer, 'GET', '/ai/samples')).body.items as any[]).find((s) => s.id === sample.id);
    expect(after.annotations).toHaveLength(2);
    const audit = await f.kit.deps.db.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM audit_log WHERE target_id = ? AND action = 'ai.sample.annotate'", [sample.id]);
    expect(Number(audit[0]!.n)).toBe(1);
  }, 120_000);

  it('freezes an org’s samples into its dataset version, lists it with the samples of that version; another enterprise sees none of it', async () => {
    // given: E1's officer cannot freeze the whole tenant, only E1
    const officer = f.creds('safetyOfficer');
    expect((await f.api(officer, 'POST', '/ai/datasets', { tenantId: f.tenantId, key: 'ppe-set', labels: ['person'] })).status).toBe(404);
    expect((await f.api(officer, 'POST', '/ai/datasets', { orgId: f.fx.orgs.E2.id, key: 'ppe-set', labels: ['person'] })).status).toBe(404);
    const ds = await f.api(officer, 'POST', '/ai/datasets', { orgId: f.fx.orgs.E1.id, key: 'ppe-set', labels: ['person', 'safehat'] });
    expect(ds.status, ds.text).toBe(201);
    // when listing
    const list = await f.api(officer, 'GET', '/ai/datasets?key=ppe-set');
    // then the version is there with its counts, and its samples are E1's annotated ones
    expect(list.status, list.text).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: ds.body.id, orgId: f.fx.orgs.E1.id, key: 'ppe-set', version: 1, labels: ['person', 'safehat'], items: ds.body.items })]);
    expect(list.body.items[0].boxes).toBeGreaterThanOrEqual(2);
    const samples = (await f.api(officer, 'GET', `/ai/samples?datasetId=${ds.body.id}`)).body.items as any[];
    expect(samples).toHaveLength(ds.body.items);
    expect(samples.every((s) => s.annotations !== null || s.negative)).toBe(true);
    expect((await f.api(f.creds('safetyOfficer'), 'GET', '/ai/samples?datasetId=00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // E2's officer: no versions listed, the version and its export are not found; E2's own version is numbered on its own (and holds none of E1's samples)
    const e2 = f.creds('safetyOfficer', 2);
    expect((await f.api(e2, 'GET', '/ai/datasets')).body.items).toEqual([]);
    expect((await f.api(e2, 'GET', `/ai/samples?datasetId=${ds.body.id}`)).status).toBe(404);
    expect((await f.api(e2, 'GET', `/ai/datasets/${ds.body.id}/export?format=coco`)).status).toBe(404);
    const own = await f.api(e2, 'POST', '/ai/datasets', { orgId: f.fx.orgs.E2.id, key: 'ppe-set', labels: ['person'] });
    expect(own.body).toMatchObject({ version: 1, items: 0 }); // E2's sample is not reviewed yet
    // the street above E1 sees E1's version, not E2's
    const street = (await f.api(f.creds('streetOfficer'), 'GET', '/ai/datasets')).body.items as any[];
    expect(street.map((d) => d.orgId)).toEqual([f.fx.orgs.E1.id]);
  }, 120_000);

  it('packs a dataset version as one zip (YOLO and COCO) with the sample images, parsed back; out of scope 404', async () => {
    // given E1's dataset version with the fixed sample
    const officer = f.creds('safetyOfficer');
    const [ds] = (await f.api(officer, 'GET', '/ai/datasets?key=ppe-set')).body.items as any[];
    const sample = ((await f.api(officer, 'GET', `/ai/samples?datasetId=${ds.id}`)).body.items as any[]).find((s) => s.reason === 'alarm');
    const fetchZip = async (format: string, as = officer) =>
      fetch(`${f.kit.server.url}/api/v1/ai/datasets/${ds.id}/archive?format=${format}`, { headers: { authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}` } });
    // when the YOLO archive is downloaded
    const res = await fetchZip('yolo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain('ppe-set-v1-yolo.zip');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    // then it holds data.yaml, a label file and the image of every item, and the fixed boxes
    expect(parseDataYamlNames(await zip.file('data.yaml')!.async('string'))).toEqual(['person', 'safehat']);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const image = names.find((n) => n.startsWith('images/') && n.includes(sample.fileId))!;
    const label = names.find((n) => n.startsWith('labels/') && n.includes(sample.fileId))!;
    expect(image.split('/')[1]).toBe(label.split('/')[1]);
    const jpeg = await zip.file(image)!.async('nodebuffer');
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const stored = await fetch(`${f.kit.server.url}/api/v1/files/${sample.fileId}/content`, { headers: { authorization: `Basic ${Buffer.from(`${officer.username}:${officer.password}`).toString('base64')}` } });
    expect(Buffer.from(await stored.arrayBuffer()).equals(jpeg)).toBe(true);
    const boxes = parseYoloLabels(await zip.file(label)!.async('string'), FRAME.W, FRAME.H);
    expect(boxes.map((b) => b.classId).sort()).toEqual([0, 1]);
    const person = boxes.find((b) => b.classId === 0)!;
    expect(person.box.x1).toBeCloseTo(sample.annotations[0].box.x1, 2); // YOLO keeps 6 decimals of the normalised value
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest).toMatchObject({ dataset: 'ppe-set', version: 1, format: 'yolo', images: ds.items, missingImages: [] });
    // and the COCO archive parses back to the same boxes, with its images under images/
    const coco = await JSZip.loadAsync(Buffer.from(await (await fetchZip('coco')).arrayBuffer()));
    const parsed = parseCoco(JSON.parse(await coco.file('annotations.json')!.async('string')));
    expect(parsed.find((i) => i.fileName === `${sample.fileId}.jpg`)!.annotations).toHaveLength(2);
    expect(coco.file(`images/${sample.fileId}.jpg`)).not.toBeNull();
    // another enterprise's officer gets nothing
    expect((await fetchZip('yolo', f.creds('safetyOfficer', 2))).status).toBe(404);
  }, 120_000);

  it('confirms an alarm with dispatch: the pack’s safety-dispatch registers the emergency event from the alarm, no hazard', async () => {
    // given another open alarm of E1 elsewhere in the frame
    const officer = f.creds('safetyOfficer');
    const { alarmId, processInstanceId, alarm } = await f.raiseAlarm('E1', cellBox(FRAME.W, FRAME.H, 640, 32, 2, 10));
    // when E1's officer confirms it and starts command dispatch
    const res = await f.api(officer, 'POST', `/ai/alarms/${alarmId}/review`, { confirmed: true, dispatch: true, revision: alarm.revision });
    expect(res.status, res.text).toBe(200);
    // then the alarm is confirmed and its patrol's child is safety-dispatch, whose event names the alarm as its source
    await until(async () => (await f.api(officer, 'GET', `/ai/alarms/${alarmId}`)).body.status === 'confirmed', 30_000);
    const { child, record } = await f.dispatchOfPatrol(processInstanceId);
    expect(record.orgId).toBe(f.fx.orgs.E1.id);
    expect(record.status).toBe('reported');
    expect(record.data).toMatchObject({ title: '作业人员未佩戴安全帽', source: 'alarm', sourceRef: alarmId, eventType: 'other', reporter: f.fx.user('safetyOfficer', 1).username, processInstanceId: child.id });
    const children = await f.kit.deps.db.query<{ definition_key: string }>('SELECT definition_key FROM process_instance WHERE super_instance_id = ?', [processInstanceId]);
    expect(children.map((c) => c.definition_key)).toEqual(['safety-dispatch']);
    const audit = await f.kit.deps.db.query<{ action: string }>("SELECT action FROM audit_log WHERE target_id = ? AND action = 'ai.alarm.review.submit'", [alarmId]);
    expect(audit).toHaveLength(1);
  }, 120_000);
});
