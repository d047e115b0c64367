/**
 * The demo's AI patrol (SEED_DEMO with the living demo on): a detector, three demo cameras that
 * show a picture, two patrol routes and one run of each, so a new user finds alarms to review,
 * snapshots with boxes, flywheel samples and a model on a fresh `npm start`. The detector is the
 * colour-patch model the tests build (a real ONNX network: red = person, green = helmet) — no
 * public PPE model may be shipped or downloaded — and says so in its name; real models come in
 * through `safeflow model import` or the models page.
 *
 * Scenes are PNGs under `$DATA_DIR/demo-cameras`, painted in greys and slate (no pure colour but
 * the patches, so the model sees only them): 冲压车间 and 储罐区 show a worker without a helmet,
 * 叉车作业区 one with a helmet. Those cameras become file sources (ffmpeg reads the PNG as a
 * frame); without ffmpeg the cameras stay as they are and no route is made. Idempotent: a tenant
 * that has the demo model is left alone.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildColourPatchModel, cellBox, type Box } from '@safeflow/plugin-ai-detect';
import sharp from 'sharp';
import type { AppDeps } from '../app/AppDeps';
import { loadAuthContext } from '../auth/loadAuthContext';
import { CameraStore } from '../cameras/CameraStore';
import { PatrolRouteStore } from '../cameras/PatrolRouteStore';
import type { AuthContext } from '../http/AuthContext';
import { resolveOrgRefs } from '../packs/applySeed';
import { demoTenantId } from '../packs/installBundledPacks';
import { aiServicesOf } from './AiServices';

/** The demo detector's key. */
export const DEMO_MODEL_KEY = 'demo-ppe';
const W = 1280;
const H = 720;

/** What {@link seedDemoAi} did. */
export interface DemoAiReport {
  model?: string;
  cameras: string[];
  routes: string[];
  runs: string[];
  /** The runs ended and each alarm they raised waits in its own review (false: not within the wait). */
  settled?: boolean;
  skipped?: string;
}

/** A demo scene: camera name, and where the worker stands (cell of the 32-stride grid) with or without a helmet. */
const SCENES: { camera: string; file: string; person: [number, number]; helmet: boolean }[] = [
  { camera: 'A区冲压车间', file: 'stamping.png', person: [11, 9], helmet: false },
  { camera: 'B区储罐区', file: 'tanks.png', person: [6, 10], helmet: false },
  { camera: 'E区叉车作业区', file: 'forklift.png', person: [14, 9], helmet: true },
];

/** The demo's AI patrol; see the file comment. */
export async function seedDemoAi(deps: AppDeps): Promise<DemoAiReport> {
  const report: DemoAiReport = { cameras: [], routes: [], runs: [] };
  const tenantId = await demoTenantId(deps);
  if (!tenantId || deps.config.engineUrl) return { ...report, skipped: 'no demo tenant or a remote engine' };
  const [have] = await deps.db.query<{ id: string }>('SELECT id FROM ai_model WHERE tenant_id = ? AND model_key = ?', [tenantId, DEMO_MODEL_KEY]);
  if (have) return { ...report, skipped: 'seeded before' };
  const admin = await authOf(deps, 'city.admin');
  const ai = aiServicesOf(deps);
  const model = await ai.models.importModel(admin, {
    orgId: tenantId,
    key: DEMO_MODEL_KEY,
    labels: ['person', 'safehat'],
    name: '演示模型（色块识别：红色=人员，绿色=安全帽，仅供体验）',
    source: 'SafeFlow demo seed (buildColourPatchModel)',
    licence: 'LicenseRef-SafeFlow-demo',
    provenance: { fileName: 'demo-ppe.onnx', importedVia: 'demo' },
    bytes: buildColourPatchModel({ classes: [{ label: 'person', colour: 'red', stride: 32 }, { label: 'safehat', colour: 'green', stride: 16 }] }),
  });
  report.model = model.id;
  if (!(await hasFfmpeg())) return { ...report, skipped: 'ffmpeg not found: the demo cameras keep their RTSP addresses' };

  // the scenes, and the cameras that show them
  const dir = path.join(deps.config.dataDir, 'demo-cameras');
  fs.mkdirSync(dir, { recursive: true, mode: 0o750 });
  const cameras = new CameraStore(deps);
  const visible = (await cameras.list(admin, { limit: 500, offset: 0 })).items;
  const ids = new Map<string, string>();
  for (const s of SCENES) {
    const cam = visible.find((c) => c.name === s.camera);
    if (!cam) continue;
    const file = path.join(dir, s.file);
    fs.writeFileSync(file, await paintScene(cellBox(W, H, 640, 32, ...s.person), s.helmet));
    await cameras.update(admin, cam.id, {
      name: cam.name, source: { kind: 'file', path: file }, location: cam.location, zone: cam.zone, diagnostics: cam.diagnostics, enabled: cam.enabled, revision: cam.revision,
    });
    ids.set(s.camera, cam.id);
    report.cameras.push(cam.name);
  }

  // routes: enterprise A's own (its safety officer reviews), and the park's over B and E (the park inspector reviews)
  const orgs = await resolveOrgRefs(deps.db, tenantId);
  const routes = new PatrolRouteStore(deps);
  const plan = [
    { org: 'enterpriseA', name: 'A区 AI 安全帽巡检（演示）', cameras: ['A区冲压车间'], reviewGroup: 'safetyOfficer' },
    { org: 'park', name: '园区 AI 安全帽巡检（演示）', cameras: ['B区储罐区', 'E区叉车作业区'], reviewGroup: 'inspector' },
  ];
  for (const p of plan) {
    const org = orgs.get(p.org);
    const cameraIds = p.cameras.map((c) => ids.get(c)).filter((c): c is string => !!c);
    if (!org || cameraIds.length === 0) continue;
    const route = await routes.create(admin, {
      orgId: org.id, name: p.name, cameraIds, taskTopic: 'ai-detect', taskConfig: { model: DEMO_MODEL_KEY, rule: 'no-helmet', source: 'camera' },
      schedule: null, workOrderGroup: 'safetyOfficer', reviewGroup: p.reviewGroup, enabled: true,
    });
    report.routes.push(route.name);
    report.runs.push((await routes.run(admin, route.id)).processInstanceId);
  }
  report.settled = await settle(deps, report.runs);
  return report;
}

/**
 * Waits (≤ `timeoutMs`) until the patrol runs have ended and no alarm points at them any more (the
 * route's `patrol-alarm` step hands each alarm to its own review instance), so the demo is at rest.
 */
async function settle(deps: AppDeps, runs: string[], timeoutMs = 60_000): Promise<boolean> {
  if (runs.length === 0) return true;
  const marks = runs.map(() => '?').join(', ');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ended = await deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM hist_process_instance WHERE id IN (${marks}) AND state = 'COMPLETED'`, runs);
    const waiting = await deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ai_alarm WHERE process_instance_id IN (${marks})`, runs);
    if (Number(ended[0]!.n) === runs.length && Number(waiting[0]!.n) === 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function authOf(deps: AppDeps, username: string): Promise<AuthContext> {
  const [u] = await deps.db.query<{ id: string }>('SELECT id FROM user WHERE username = ?', [username]);
  const auth = u ? await loadAuthContext(deps.db, u.id) : undefined;
  if (!auth) throw new Error(`demo user '${username}' is missing`);
  return auth;
}

async function hasFfmpeg(): Promise<boolean> {
  try {
    await promisify(execFile)('ffmpeg', ['-hide_banner', '-version'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A 1280×720 workshop scene in greys and slate (colours whose channels never exceed the other two
 * together, so the colour-patch detector ignores them), a worker's red vest on `person` and, with
 * `helmet`, a green helmet on the top-left quarter of it (inside the person's box, as `has()` wants).
 */
export function paintScene(person: Box, helmet: boolean): Promise<Buffer> {
  const r = (x: number) => Math.round(x);
  const hat = { x: person.x1, y: person.y1, s: (person.x2 - person.x1) / 2 };
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <rect width="${W}" height="${H}" fill="#9ca3af"/>
  <rect y="0" width="${W}" height="300" fill="#64748b"/>
  <rect x="60" y="120" width="360" height="300" fill="#475569"/>
  <rect x="520" y="180" width="220" height="260" fill="#334155"/>
  <rect x="900" y="90" width="300" height="220" fill="#525f73"/>
  <rect y="560" width="${W}" height="24" fill="#d1d5db"/>
  <rect x="${r(person.x1 + 8)}" y="${r(person.y2)}" width="18" height="70" fill="#3f3f46"/>
  <rect x="${r(person.x2 - 26)}" y="${r(person.y2)}" width="18" height="70" fill="#3f3f46"/>
  <rect x="${r(person.x1)}" y="${r(person.y1)}" width="${r(person.x2 - person.x1)}" height="${r(person.y2 - person.y1)}" fill="#ff0000"/>
  ${helmet ? `<rect x="${r(hat.x)}" y="${r(hat.y)}" width="${r(hat.s)}" height="${r(hat.s)}" fill="#00ff00"/>` : ''}
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
