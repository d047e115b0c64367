/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../testing/FakeClock';
import { bpmn } from '../testing/bpmn';
import { startEngineServer, type EngineKit } from '../testing/engineTestKit';

const monthEnd = bpmn(
  'monthEndReport',
  `<startEvent id="start"><timerEventDefinition><timeCycle>0 0 18 L * ?</timeCycle></timerEventDefinition></startEvent>
   <sequenceFlow id="f1" sourceRef="start" targetRef="report"/>
   <userTask id="report" name="Month-end safety report"/>
   <sequenceFlow id="f2" sourceRef="report" targetRef="end"/>
   <endEvent id="end"/>`,
);

const lastFridayReminder = bpmn(
  'lastFriday',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="rectify"/>
   <userTask id="rectify" name="Rectify"/>
   <boundaryEvent id="remind" attachedToRef="rectify" cancelActivity="false"><timerEventDefinition><timeCycle>0 0 9 ? * FRIL</timeCycle></timerEventDefinition></boundaryEvent>
   <sequenceFlow id="f2" sourceRef="rectify" targetRef="end"/>
   <endEvent id="end"/>
   <sequenceFlow id="f3" sourceRef="remind" targetRef="nudge"/>
   <userTask id="nudge" name="Nudge the owner"/>
   <sequenceFlow id="f4" sourceRef="nudge" targetRef="end2"/>
   <endEvent id="end2"/>`,
);

const withTimer = (id: string, cycle: string) =>
  bpmn(
    id,
    `<startEvent id="start"><timerEventDefinition><timeCycle>${cycle}</timeCycle></timerEventDefinition></startEvent>
     <sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
     <endEvent id="end"/>`,
  );

describe('Quartz cron timers in the runtime (FakeClock)', () => {
  let kit: EngineKit;
  let clock: FakeClock;
  beforeAll(async () => {
    clock = new FakeClock('2026-02-27T08:00:00.000Z');
    kit = await startEngineServer({ clock });
  });
  afterAll(async () => {
    await kit.close();
  });

  const jobsOf = (where: string, params: unknown[]) => kit.deps.db.query<any>(`SELECT due_date, timer FROM job WHERE ${where}`, params);
  const startedInstances = async (key: string) => ((await kit.rest('GET', `/history/process-instance?processDefinitionKey=${key}`)).body as any[]).length;

  it("a timer start event on 'L' fires on the last day of each month, and an overdue one fires once", async () => {
    // given: deployed on Friday 27 Feb 2026
    expect((await kit.deploy({ 'monthEnd.bpmn': monthEnd })).status).toBe(200);
    const [job] = await jobsOf(`type = 'timer-start'`, []);
    expect(new Date(Number(job.due_date)).toISOString()).toBe('2026-02-28T18:00:00.000Z');
    // when: one second early
    clock.set('2026-02-28T17:59:59.000Z');
    await kit.engine.jobs.runDueJobs();
    // then
    expect(await startedInstances('monthEndReport')).toBe(0);
    // when: due
    clock.set('2026-02-28T18:00:00.000Z');
    await kit.engine.jobs.runDueJobs();
    // then: one instance, the job moved to 31 March
    expect(await startedInstances('monthEndReport')).toBe(1);
    const [march] = await jobsOf(`type = 'timer-start'`, []);
    expect(new Date(Number(march.due_date)).toISOString()).toBe('2026-03-31T18:00:00.000Z');
    // when: the server "slept" through March; it is 30 April 19:00
    clock.set('2026-04-30T19:00:00.000Z');
    await kit.engine.jobs.runDueJobs();
    await kit.engine.jobs.runDueJobs();
    // then: the missed March fire runs once, the next is 31 May (April's 18:00 is past)
    expect(await startedInstances('monthEndReport')).toBe(2);
    const [may] = await jobsOf(`type = 'timer-start'`, []);
    expect(new Date(Number(may.due_date)).toISOString()).toBe('2026-05-31T18:00:00.000Z');
  });

  it('a non-interrupting boundary timer on the last Friday (FRIL) nudges once a month while the task waits', async () => {
    // given: started Thursday 1 Jan 2026
    clock.set('2026-01-01T08:00:00.000Z');
    expect((await kit.deploy({ 'lastFriday.bpmn': lastFridayReminder })).status).toBe(200);
    const pi = await kit.start('lastFriday');
    const tasks = async () => ((await kit.rest('GET', `/task?processInstanceId=${pi.id}`)).body as any[]).map((t) => t.taskDefinitionKey).sort();
    const [job] = await jobsOf(`process_instance_id = ?`, [pi.id]);
    expect(new Date(Number(job.due_date)).toISOString()).toBe('2026-01-30T09:00:00.000Z');
    // when: the last Friday of January, 09:00
    clock.set('2026-01-30T09:00:00.000Z');
    await kit.engine.jobs.runDueJobs();
    // then: one nudge, the timer waits for 27 February
    expect(await tasks()).toEqual(['nudge', 'rectify']);
    const [next] = await jobsOf(`process_instance_id = ?`, [pi.id]);
    expect(new Date(Number(next.due_date)).toISOString()).toBe('2026-02-27T09:00:00.000Z');
    // when: the last Friday of February
    clock.set('2026-02-27T09:00:00.000Z');
    await kit.engine.jobs.runDueJobs();
    // then
    expect(await tasks()).toEqual(['nudge', 'nudge', 'rectify']);
    const [third] = await jobsOf(`process_instance_id = ?`, [pi.id]);
    expect(new Date(Number(third.due_date)).toISOString()).toBe('2026-03-27T09:00:00.000Z');
  });

  it('an R/duration/end start timer fires counted back from its end date', async () => {
    // given: 2026-03-01 08:20, hourly fires ending 12:00
    clock.set('2026-03-01T08:20:00.000Z');
    // when
    expect((await kit.deploy({ 'until.bpmn': withTimer('untilNoon', 'R/PT1H/2026-03-01T12:00:00Z') })).status).toBe(200);
    // then
    const [job] = await kit.deps.db.query<any>(`SELECT j.due_date FROM job j JOIN process_definition d ON d.id = j.definition_id WHERE d.def_key = 'untilNoon'`);
    expect(new Date(Number(job.due_date)).toISOString()).toBe('2026-03-01T09:00:00.000Z');
  });

  it('rejects a cron that never fires or breaks the ? rule at deploy with a ParseException naming the reason', async () => {
    // given
    const before = await kit.deps.db.query<any>(`SELECT COUNT(*) AS n FROM process_definition`);
    // when
    const res = await kit.deploy({ 'feb30.bpmn': withTimer('feb30', '0 0 0 30 2 ?'), 'both.bpmn': withTimer('bothDays', '0 0 12 * * MON') });
    // then
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('ParseException');
    expect(res.body.details['feb30.bpmn'].errors[0].message).toContain('it never fires');
    expect(res.body.details['both.bpmn'].errors[0].message).toContain("give '?' for either day-of-month or day-of-week");
    const after = await kit.deps.db.query<any>(`SELECT COUNT(*) AS n FROM process_definition`);
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });
});
