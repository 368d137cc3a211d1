/**
 * Feature: the procedure library (workflows/, issue 5). The catalog lists exactly the models in
 * workflows/, with their codes and legal limits, and each model's step allowances along its main
 * path add up to its legal time limit. Then every procedure runs end to end through the HTTP API:
 * the forms and models are seeded as on start, the one-stop officer starts each dossier, and every
 * user task is claimed and completed by a user holding the task's role in the task's unit, with
 * variables that fit the task's form; each branch ends in the dossier status the model sets.
 *
 * Units: the seeded users are one per role in commune Hưng Nguyên (000.00.20.H40) and its economic
 * division (000.10.20.H40). Birth registration is done by the commune's civil-status officer (a
 * specialist at the commune itself, created here); the land registration office (a unit created
 * here under a new department) does the land steps; Sở Tư pháp's officers (created here) process
 * judicial record certificates received at the commune.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { BpmnModdle } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import motcuaDescriptor from '../../engine/model/motcua-moddle.json' with { type: 'json' };
import { servicesOf } from '../../api/app.js';
import { DEMO_PASSWORD } from '../../api/store/demo-province.js';
import { seedForms, seedWorkflows } from '../../api/seed-workflows.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { COMMUNE, DIVISION, unitIds, type TaskJson } from '../support/work-fixtures.js';

const WORKFLOWS = fileURLToPath(new URL('../../workflows/', import.meta.url));
const OFFICER_ROLES = ['mot_cua', 'chuyen_vien', 'lanh_dao_phong', 'lanh_dao_don_vi', 'van_thu'];
const JUSTICE = '000.00.10.H40';
const JUSTICE_DIVISION = '000.10.10.H40';
const LAND_DEPARTMENT = '000.00.12.H40';
const LAND_OFFICE = '000.10.12.H40';
const PASSWORD = 'procedure-library-1';

/**
 * The user tasks of each procedure's main path (received, granted, no supplement), in order; a
 * stage of several tasks runs in parallel and counts with its longest allowance.
 */
const MAIN_PATH: Record<string, ReadonlyArray<string | readonly string[]>> = {
  birth_registration: ['intake', 'record', 'sign'],
  household_business_registration: ['intake', 'assign', 'appraise', 'sign', 'dispatch'],
  building_permit_detached_house: ['intake', 'assign', 'appraise', 'consult', 'summarize', 'review', 'sign', 'dispatch'],
  land_first_registration: ['intake', 'verify', 'landOfficeCheck', 'prepareCertificate', 'sign', 'dispatch'],
  judicial_record_certificate: ['intake', ['lookup', 'verifyRecords'], 'draft', 'review', 'sign', 'dispatch'],
};

interface CatalogEntry {
  code: string;
  name: string;
  sector: { code: string; name: string };
  level: string;
  channels: { inPerson: boolean; online: 'full' | 'partial' | false; post: boolean };
  legalTimeLimit: { value: number; unit: 'workingDays' | 'calendarDays' };
  bpmnFile: string;
  processKey: string;
}

interface Node {
  id: string;
  $type: string;
  name?: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

interface ReadProcess {
  process: Node;
  nodes: Map<string, Node>;
  /** sequence flows by source id, boundary events by host id. */
  next: Map<string, string[]>;
}

const moddle = new BpmnModdle({ camunda: camundaDescriptor, motcua: motcuaDescriptor });

async function readModel(file: string): Promise<ReadProcess> {
  const { rootElement, warnings } = await moddle.fromXML(readFileSync(path.join(WORKFLOWS, file), 'utf8'));
  expect(warnings).toEqual([]);
  const processes = (rootElement as unknown as { rootElements: Node[] }).rootElements.filter((e) => e.$type === 'bpmn:Process');
  expect(processes).toHaveLength(1);
  const process = processes[0]!;
  const nodes = new Map<string, Node>();
  const next = new Map<string, string[]>();
  const link = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
  for (const element of process.flowElements as Node[]) {
    if (element.$type === 'bpmn:SequenceFlow') link((element.sourceRef as Node).id, (element.targetRef as Node).id);
    else nodes.set(element.id, element);
    if (element.$type === 'bpmn:BoundaryEvent') link((element.attachedToRef as Node).id, element.id);
  }
  return { process, nodes, next };
}

/** The user tasks reachable from `from` without passing through another user task. */
function nextUserTasks(model: ReadProcess, from: string): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>([from]);
  const queue = [...(model.next.get(from) ?? [])];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (model.nodes.get(id)?.$type === 'bpmn:UserTask') found.add(id);
    else queue.push(...(model.next.get(id) ?? []));
  }
  return found;
}

/** The fewest working days `days` calendar days can hold (Monday–Friday, no holidays). */
const fewestWorkingDays = (days: number): number => Math.floor(days / 7) * 5 + Math.max(0, (days % 7) - 2);

const catalog = (JSON.parse(readFileSync(path.join(WORKFLOWS, 'catalog.json'), 'utf8')) as { procedures: CatalogEntry[] }).procedures;

describe('Feature: the catalog of the procedure library', () => {
  it('Scenario: the catalog lists exactly the models in workflows/, with their codes, sectors and legal limits', async () => {
    const files = readdirSync(WORKFLOWS).filter((file) => file.endsWith('.bpmn')).sort();
    expect(catalog.map((entry) => entry.bpmnFile).sort()).toEqual(files);
    expect(new Set(catalog.map((entry) => entry.code)).size).toBe(catalog.length);
    expect(catalog.map((entry) => entry.processKey).sort()).toEqual(Object.keys(MAIN_PATH).sort());
    for (const entry of catalog) {
      expect(entry.code).toMatch(/^[12]\.\d{6}$/);
      expect(['commune', 'department', 'province']).toContain(entry.level);
      expect(entry.channels.inPerson || entry.channels.online !== false || entry.channels.post).toBe(true);
      const { process } = await readModel(entry.bpmnFile);
      expect({ key: process.id, name: process.name, code: process.get('motcua:procedureCode'), sector: process.get('motcua:sector') }).toEqual({
        key: entry.processKey,
        name: entry.name,
        code: entry.code,
        sector: entry.sector.name,
      });
      expect({ value: process.get('motcua:legalTimeLimit'), unit: process.get('motcua:legalTimeUnit') }).toEqual({
        value: entry.legalTimeLimit.value,
        unit: entry.legalTimeLimit.unit,
      });
    }
  });

  it('Scenario: every user task has a seeded role, a form in workflows/forms and (but the return) an allowance; the main path adds up to the legal limit', async () => {
    const forms = new Set(readdirSync(path.join(WORKFLOWS, 'forms')).map((file) => file.replace(/\.json$/, '')));
    for (const entry of catalog) {
      const model = await readModel(entry.bpmnFile);
      const userTasks = [...model.nodes.values()].filter((node) => node.$type === 'bpmn:UserTask');
      for (const task of userTasks) {
        const where = `${entry.processKey}/${task.id}`;
        expect(`${where} ${OFFICER_ROLES.includes(String(task.get('camunda:candidateGroups'))) ? 'has' : 'lacks'} a role`).toBe(`${where} has a role`);
        const formKey = String(task.get('camunda:formKey'));
        expect(`${where} ${formKey}`).toMatch(/ schema:/);
        expect(`${where} ${forms.has(formKey.replace(/^schema:/, '')) ? 'finds' : 'misses'} its form`).toBe(`${where} finds its form`);
        const allowance = task.get('motcua:allowanceHours');
        if (task.id === 'returnResult') expect(allowance).toBeUndefined();
        else expect(`${where} ${typeof allowance === 'number' && allowance > 0 ? 'has' : 'lacks'} an allowance`).toBe(`${where} has an allowance`);
      }

      // The main path: each stage reaches the next without another user task between them.
      const stages = MAIN_PATH[entry.processKey]!.map((stage) => (typeof stage === 'string' ? [stage] : [...stage]));
      const start = [...model.nodes.values()].find((node) => node.$type === 'bpmn:StartEvent')!;
      let reachable = nextUserTasks(model, start.id);
      let hours = 0;
      for (const stage of stages) {
        for (const id of stage) expect(`${entry.processKey}: ${[...reachable].sort().join(',')} → ${id}`).toBe(`${entry.processKey}: ${[...reachable].sort().join(',')} → ${[...reachable].includes(id) ? id : '(not reachable)'}`);
        hours += Math.max(...stage.map((id) => model.nodes.get(id)!.get('motcua:allowanceHours') as number));
        reachable = new Set(stage.flatMap((id) => [...nextUserTasks(model, id)]));
      }
      expect(reachable.has('returnResult')).toBe(true);

      const { value, unit } = entry.legalTimeLimit;
      // 0 working days is "the same day": what is received before the 15:00 cut-off is done by
      // 17:00, so the steps fit in those 2 working hours. A calendar-day limit holds at least
      // fewestWorkingDays(value) working days.
      const expected = unit === 'calendarDays' ? fewestWorkingDays(value) * 8 : value === 0 ? 2 : value * 8;
      expect({ procedure: entry.processKey, hours }).toEqual({ procedure: entry.processKey, hours: expected });
    }
  });
});

describe('Feature: every procedure of the library end to end over HTTP', () => {
  let t: TestApi;
  let units: Map<string, string>;
  let dossier = 0;
  /** Users this test creates (username → role at unit code), beside the seeded ones. */
  const EXTRA_USERS = new Map<string, [string, string]>([
    ['hotich1', ['chuyen_vien', COMMUNE]],
    ['cvdatdai1', ['chuyen_vien', LAND_OFFICE]],
    ['cvtuphap1', ['chuyen_vien', JUSTICE_DIVISION]],
    ['tptuphap1', ['lanh_dao_phong', JUSTICE_DIVISION]],
    ['ldtuphap1', ['lanh_dao_don_vi', JUSTICE]],
    ['vttuphap1', ['van_thu', JUSTICE]],
  ]);
  /** Tokens expire on the engine's clock, which the scenarios move: a fresh login when the clock has moved since. */
  const tokens = new Map<string, { token: string; at: number }>();
  async function as(username: string): Promise<{ authorization: string }> {
    const now = t.clock.now().getTime();
    let held = tokens.get(username);
    if (!held || held.at !== now) {
      const login = await request(t.app).post('/api/auth/login').send({ username, password: EXTRA_USERS.has(username) ? PASSWORD : DEMO_PASSWORD });
      expect(login.status).toBe(200);
      held = { token: login.body.token as string, at: now };
      tokens.set(username, held);
    }
    return { authorization: `Bearer ${held.token}` };
  }

  beforeAll(async () => {
    t = await startTestApi();
    await seedForms(servicesOf(t.app).sql, t.clock, path.join(WORKFLOWS, 'forms'));
    const deployed = await seedWorkflows(t.engine, WORKFLOWS);
    expect(deployed.sort()).toEqual(Object.keys(MAIN_PATH).map((key) => `${key} v1`).sort());

    const admin = await as('admin');
    units = await unitIds(t);
    // The land registration office is seeded with the demo province, under its department.
    expect(units.has(LAND_DEPARTMENT) && units.has(LAND_OFFICE)).toBe(true);
    for (const [username, [roleCode, unitCode]] of EXTRA_USERS) {
      const unitId = units.get(unitCode)!;
      const created = await request(t.app).post('/api/users').set(admin).send({ username, displayName: username, unitId, password: PASSWORD, roles: [{ roleCode, unitId }] });
      expect(created.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  /** Monday 2 March 2026, 09:00 in Hà Nội, unless told otherwise. */
  const at = (iso = '2026-03-02T09:00:00+07:00') => t.clock.set(new Date(iso));

  async function start(key: string): Promise<string> {
    dossier += 1;
    const started = await request(t.app)
      .post(`/api/process-definitions/key/${key}/start`)
      .set(await as('motcua1'))
      .send({ businessKey: `${COMMUNE}-260302-${String(dossier).padStart(4, '0')}` });
    expect(started.status).toBe(201);
    return started.body.id as string;
  }

  interface InstanceJson {
    state: string;
    activeElementIds: string[];
    variables: Record<string, unknown>;
    dossierStatus: number | null;
    dueDate: string | null;
    originalDueDate: string | null;
    pausedAt: string | null;
    unitCode?: string;
  }
  async function instance(id: string): Promise<InstanceJson> {
    const response = await request(t.app).get(`/api/process-instances/${id}`).set(await as('admin'));
    expect(response.status).toBe(200);
    return response.body as InstanceJson;
  }
  const expectDossier = async (id: string, expected: Partial<InstanceJson>) => expect(await instance(id)).toMatchObject(expected);

  /** The open tasks of the instance that `username` sees, as elementId list (sorted). */
  async function visibleTasks(id: string, username: string): Promise<TaskJson[]> {
    const listed = await request(t.app).get('/api/tasks').query({ processInstanceId: id, pageSize: 100 }).set(await as(username));
    expect(listed.status).toBe(200);
    return listed.body.items as TaskJson[];
  }

  /**
   * `username` finds the task `elementId` of the instance in their own task list, claims it and
   * completes it with `variables` (which the task's form accepts); returns the task as listed.
   */
  async function work(id: string, elementId: string, username: string, variables: Record<string, unknown>): Promise<TaskJson> {
    const headers = await as(username);
    const task = (await visibleTasks(id, username)).find((item) => item.elementId === elementId);
    expect(`${username} sees ${elementId}: ${task ? 'yes' : 'no'}`).toBe(`${username} sees ${elementId}: yes`);
    const claimed = await request(t.app).post(`/api/tasks/${task!.id}/claim`).set(headers);
    expect(claimed.status).toBe(200);
    const completed = await request(t.app).post(`/api/tasks/${task!.id}/complete`).set(headers).send({ variables });
    expect({ elementId, status: completed.status, body: completed.body }).toEqual({ elementId, status: 204, body: {} });
    return task!;
  }

  async function message(id: string, messageName: string, variables: Record<string, unknown> = {}): Promise<void> {
    const sent = await request(t.app).post('/api/messages').set(await as('motcua1')).send({ messageName, processInstanceId: id, variables });
    expect({ messageName, status: sent.status }).toEqual({ messageName, status: 200 });
  }

  async function active(id: string): Promise<string[]> {
    return [...(await instance(id)).activeElementIds].sort();
  }

  const applicant = { fullName: 'Nguyễn Văn An', idNumber: '040090001234', phone: '0912345678', address: 'Xóm 3, xã Hưng Nguyên' };
  const signed = { signedOn: '2026-03-03', signerComment: 'Đồng ý' };
  const numbered = { resultNumber: '15/KQ-UBND', issuedOn: '2026-03-03' };
  const handedOver = { returnedOn: '2026-03-03', returnChannel: 1, receivedBy: 'Nguyễn Văn An' };
  const refusal = { accepted: false, refusalReason: 'Hồ sơ không thuộc thẩm quyền giải quyết' };
  const INTAKE: Record<string, Record<string, unknown>> = {
    birth_registration: {
      accepted: true,
      applicant,
      channel: 1,
      documents: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
      child: { fullName: 'Nguyễn Minh Khang', dateOfBirth: '2026-02-20', sex: 'Nam', placeOfBirth: 'Bệnh viện đa khoa Nghệ An' },
      relationship: 'Cha',
    },
    household_business_registration: {
      accepted: true,
      applicant,
      documents: ['Giấy đề nghị đăng ký hộ kinh doanh'],
      business: { name: 'Hộ kinh doanh Tạp hóa An', address: 'Xóm 3, xã Hưng Nguyên', lines: 'Bán lẻ tạp hóa', capital: 50000000 },
    },
    building_permit_detached_house: {
      accepted: true,
      applicant,
      documents: ['Đơn đề nghị cấp giấy phép xây dựng', 'Bản vẽ thiết kế xây dựng'],
      parcel: { mapSheet: '12', parcelNumber: '345' },
      floors: 3,
      floorArea: 240.5,
    },
    land_first_registration: {
      accepted: true,
      applicant,
      documents: ['Đơn đăng ký đất đai, tài sản gắn liền với đất'],
      parcel: { mapSheet: '7', parcelNumber: '89', area: 312.4, landUse: 'Đất ở tại nông thôn' },
    },
    judicial_record_certificate: { accepted: true, applicant, channel: 2, certificateType: 1, residences: ['Xã Hưng Nguyên, Nghệ An'] },
  };

  describe.each(Object.keys(MAIN_PATH))('Scenario: %s refused at intake', (key) => {
    it('ends with the dossier refused (3) and no task left', async () => {
      at();
      const id = await start(key);
      await expectDossier(id, { state: 'active', activeElementIds: ['intake'], dossierStatus: 2 });
      // A refusal without its reason does not fit the intake form: 422, nothing changes.
      const [task] = await visibleTasks(id, 'motcua1');
      const incomplete = await request(t.app).post(`/api/tasks/${task!.id}/complete`).set(await as('motcua1')).send({ variables: { accepted: false } });
      expect(incomplete.status).toBe(422);
      expect(incomplete.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: '/variables/refusalReason' })]));
      await work(id, 'intake', 'motcua1', refusal);
      await expectDossier(id, { state: 'completed', activeElementIds: [], dossierStatus: 3 });
      expect(await visibleTasks(id, 'admin')).toEqual([]);
    });
  });

  it('Scenario: birth registration, same day — the civil-status officer records, the chair signs, the one-stop officer returns it', async () => {
    at();
    const id = await start('birth_registration');
    // Received at 09:00: due by the end of the same working day (17:00 = 10:00Z).
    await expectDossier(id, { dossierStatus: 2, dueDate: '2026-03-02T10:00:00.000Z' });
    const intake = await work(id, 'intake', 'motcua1', INTAKE.birth_registration!);
    expect(intake.dueDate).toBe('2026-03-02T02:30:00.000Z'); // half a working hour
    await expectDossier(id, { activeElementIds: ['record'], dossierStatus: 4 });
    // The civil-status officer sits in the commune itself: the economic division's specialist does not see the step.
    expect((await visibleTasks(id, 'chuyenvien1')).map((task) => task.elementId)).toEqual([]);
    const record = await work(id, 'record', 'hotich1', { registerNumber: '125', bookNumber: '01/2026', recordedOn: '2026-03-02', personalIdentifier: '040226000125' });
    expect(record.unitCode).toBe(COMMUNE);
    await work(id, 'sign', 'lanhdao1', signed);
    await expectDossier(id, { activeElementIds: ['returnResult'], dossierStatus: 9 });
    await work(id, 'returnResult', 'motcua1', handedOver);
    await expectDossier(id, { state: 'completed', activeElementIds: [], dossierStatus: 10, variables: expect.objectContaining({ registerNumber: '125' }) });
  });

  it('Scenario: birth registration received after the 15:00 cut-off is due by the end of the next working day', async () => {
    at('2026-03-06T15:30:00+07:00'); // a Friday
    const id = await start('birth_registration');
    await expectDossier(id, { dossierStatus: 2, dueDate: '2026-03-09T10:00:00.000Z' }); // Monday 17:00
  });

  it('Scenario: household business registration with a supplement requested and received, signed, numbered and returned', async () => {
    at();
    const id = await start('household_business_registration');
    // 3 working days from Monday 09:00: Thursday 09:00.
    await expectDossier(id, { dossierStatus: 2, dueDate: '2026-03-05T02:00:00.000Z' });
    const intake = await work(id, 'intake', 'motcua1', INTAKE.household_business_registration!);
    expect(intake.dueDate).toBe('2026-03-02T08:00:00.000Z'); // 4 working hours: 15:00
    const assign = await work(id, 'assign', 'truongphong1', { specialist: 'chuyenvien1', assignmentNote: 'Thẩm định trong ngày' });
    expect(assign.unitCode).toBe(DIVISION);
    await expectDossier(id, { dossierStatus: 4 });
    await work(id, 'appraise', 'chuyenvien1', { appraisalResult: 'bo_sung', appraisalOpinion: 'Thiếu biên bản họp thành viên hộ gia đình' });
    await work(id, 'approveSupplement', 'truongphong1', { supplementItems: 'Bổ sung biên bản họp thành viên hộ gia đình' });
    await expectDossier(id, { activeElementIds: ['awaitSupplement'], dossierStatus: 5 });
    t.clock.advance(24 * 3600_000);
    await message(id, 'ho_so_bo_sung', { supplementReceivedOn: '2026-03-03' });
    // The clock stood still for the working day the applicant took: due Friday 09:00, not Thursday.
    await expectDossier(id, { activeElementIds: ['appraise'], dossierStatus: 4, dueDate: '2026-03-06T02:00:00.000Z', originalDueDate: '2026-03-05T02:00:00.000Z', pausedAt: null });
    await work(id, 'appraise', 'chuyenvien1', { appraisalResult: 'dat', appraisalOpinion: 'Hồ sơ đầy đủ, hợp lệ', businessCode: '29A8001234' });
    await work(id, 'sign', 'lanhdao1', signed);
    await work(id, 'dispatch', 'vanthu1', numbered);
    await expectDossier(id, { activeElementIds: ['returnResult'], dossierStatus: 9 });
    await work(id, 'returnResult', 'motcua1', handedOver);
    await expectDossier(id, { state: 'completed', dossierStatus: 10, variables: expect.objectContaining({ businessCode: '29A8001234', supplementReceivedOn: '2026-03-03' }) });
  });

  /** review → sign → number → return: the tail every building permit shares. */
  async function finishBuildingPermit(id: string): Promise<void> {
    await work(id, 'review', 'truongphong1', { reviewOpinion: 'Đồng ý trình ký' });
    await work(id, 'sign', 'lanhdao1', signed);
    await work(id, 'dispatch', 'vanthu1', numbered);
    await expectDossier(id, { activeElementIds: ['returnResult'], dossierStatus: 9 });
    await work(id, 'returnResult', 'motcua1', handedOver);
    await expectDossier(id, { state: 'completed', activeElementIds: [], dossierStatus: 10 });
  }
  async function buildingPermitToAppraisal(): Promise<string> {
    at();
    const id = await start('building_permit_detached_house');
    await work(id, 'intake', 'motcua1', INTAKE.building_permit_detached_house!);
    await work(id, 'assign', 'truongphong1', { specialist: 'chuyenvien1' });
    return id;
  }
  const appraisal = (appraisalResult: string, consultedAgencies: string[] = []) => ({
    appraisalResult,
    appraisalOpinion: 'Đã kiểm tra thực địa',
    siteInspectedOn: '2026-03-04',
    consultedAgencies,
  });

  it('Scenario: building permit — agencies consulted in parallel, one answers, the other is silent (agreement), the permit is granted', async () => {
    const id = await buildingPermitToAppraisal();
    await expectDossier(id, { dueDate: '2026-03-23T02:00:00.000Z' }); // 15 working days from Monday 2 March, 09:00
    await work(id, 'appraise', 'chuyenvien1', appraisal('dat', ['Phòng Cảnh sát PCCC', 'Điện lực Hưng Nguyên']));
    const consultations = (await visibleTasks(id, 'chuyenvien1')).filter((task) => task.elementId === 'consult');
    expect(consultations).toHaveLength(2);
    const consultationDue = consultations[0]!.dueDate;
    expect(consultationDue).not.toBeNull();
    await work(id, 'consult', 'chuyenvien1', { agencyOpinion: 'dong_y', agencyReply: 'Đảm bảo an toàn PCCC' });
    expect(await active(id)).toEqual(['consult']);
    expect(await t.engine.runDueJobs()).toBe(0);
    // 40 working hours after the consultation began, silence counts as agreement.
    t.clock.set(new Date(new Date(consultationDue!).getTime() + 60_000));
    expect(await t.engine.runDueJobs()).toBe(1);
    expect(await active(id)).toEqual(['summarize']);
    await work(id, 'summarize', 'chuyenvien1', { grant: true, consultationSummary: 'PCCC đồng ý; Điện lực không trả lời (coi là đồng ý)' });
    expect(await active(id)).toEqual(['review']);
    await finishBuildingPermit(id);
    expect((await instance(id)).variables).toMatchObject({ grant: true, agencyOpinion: 'dong_y' });
  });

  it('Scenario: building permit — an agency objects after consultation, the refusal letter is drafted, signed and returned', async () => {
    const id = await buildingPermitToAppraisal();
    await work(id, 'appraise', 'chuyenvien1', appraisal('dat', ['Phòng Cảnh sát PCCC']));
    await work(id, 'consult', 'chuyenvien1', { agencyOpinion: 'khong_dong_y', agencyReply: 'Không bảo đảm khoảng cách an toàn' });
    await work(id, 'summarize', 'chuyenvien1', { grant: false, consultationSummary: 'PCCC không đồng ý' });
    expect(await active(id)).toEqual(['draftRefusal']);
    await work(id, 'draftRefusal', 'chuyenvien1', { refusalGrounds: 'Không bảo đảm yêu cầu về phòng cháy chữa cháy' });
    await finishBuildingPermit(id);
  });

  it('Scenario: building permit — one supplement request only: still incomplete afterwards, the permit is refused', async () => {
    const id = await buildingPermitToAppraisal();
    await work(id, 'appraise', 'chuyenvien1', appraisal('bo_sung'));
    await work(id, 'approveSupplement', 'truongphong1', { supplementItems: 'Bổ sung bản vẽ mặt bằng móng' });
    await expectDossier(id, { activeElementIds: ['awaitSupplement'], dossierStatus: 5 });
    await message(id, 'ho_so_bo_sung');
    await expectDossier(id, { activeElementIds: ['appraise'], dossierStatus: 4 });
    await work(id, 'appraise', 'chuyenvien1', appraisal('bo_sung'));
    expect(await active(id)).toEqual(['draftRefusal']);
    await work(id, 'draftRefusal', 'chuyenvien1', { refusalGrounds: 'Đã yêu cầu bổ sung một lần, hồ sơ vẫn chưa đáp ứng' });
    await finishBuildingPermit(id);
  });

  it('Scenario: building permit — not eligible at appraisal: refused without consultation', async () => {
    const id = await buildingPermitToAppraisal();
    await work(id, 'appraise', 'chuyenvien1', appraisal('khong_dat'));
    expect(await active(id)).toEqual(['draftRefusal']);
    await work(id, 'draftRefusal', 'chuyenvien1', { refusalGrounds: 'Không phù hợp quy hoạch' });
    await finishBuildingPermit(id);
  });

  it('Scenario: building permit — the supplement never comes: processing stops (8) after 60 days', async () => {
    const id = await buildingPermitToAppraisal();
    await work(id, 'appraise', 'chuyenvien1', appraisal('bo_sung'));
    await work(id, 'approveSupplement', 'truongphong1', { supplementItems: 'Bổ sung giấy tờ về quyền sử dụng đất' });
    t.clock.advance(59 * 24 * 3600_000);
    await t.engine.runDueJobs();
    await expectDossier(id, { state: 'active', activeElementIds: ['awaitSupplement'], dossierStatus: 5 });
    t.clock.advance(2 * 24 * 3600_000);
    expect(await t.engine.runDueJobs()).toBe(1);
    await expectDossier(id, { state: 'completed', activeElementIds: [], dossierStatus: 8 });
  });

  it('Scenario: first land registration — commune verifies, public posting, land office, tax notice, payment (6), certificate signed and returned', async () => {
    at();
    const id = await start('land_first_registration');
    await expectDossier(id, { dueDate: '2026-03-25T02:00:00.000Z' }); // 17 working days from Monday 2 March, 09:00
    await work(id, 'intake', 'motcua1', INTAKE.land_first_registration!);
    await work(id, 'verify', 'chuyenvien1', { landOrigin: 'Sử dụng ổn định từ năm 1995', noDispute: true, planningConformity: 'Phù hợp quy hoạch', postingStartedOn: '2026-03-03' });
    expect(await active(id)).toEqual(['publicPosting']);
    t.clock.advance(14 * 24 * 3600_000);
    expect(await t.engine.runDueJobs()).toBe(0);
    t.clock.advance(24 * 3600_000 + 60_000);
    expect(await t.engine.runDueJobs()).toBe(1);
    // The land registration office's specialist; the commune's specialist does not see the step.
    expect((await visibleTasks(id, 'chuyenvien1')).map((task) => task.elementId)).toEqual([]);
    const check = await work(id, 'landOfficeCheck', 'cvdatdai1', { eligible: true, cadastralNote: 'Đủ điều kiện', taxTransferredOn: '2026-03-20' });
    expect(check.unitCode).toBe(LAND_OFFICE);
    await expectDossier(id, { activeElementIds: ['awaitTaxNotice'], dossierStatus: 4 });
    await message(id, 'thong_bao_thue', { taxAmount: 12500000 });
    await expectDossier(id, { activeElementIds: ['awaitPayment'], dossierStatus: 6 });
    await message(id, 'da_nop_nghia_vu_tai_chinh', { paidOn: '2026-03-25' });
    await expectDossier(id, { activeElementIds: ['prepareCertificate'], dossierStatus: 4 });
    await work(id, 'prepareCertificate', 'cvdatdai1', { certificateSerial: 'DK 123456', cadastreUpdated: true });
    await work(id, 'sign', 'lanhdao1', signed);
    await work(id, 'dispatch', 'vanthu1', numbered);
    await expectDossier(id, { activeElementIds: ['returnResult'], dossierStatus: 9 });
    await work(id, 'returnResult', 'motcua1', handedOver);
    await expectDossier(id, { state: 'completed', dossierStatus: 10, variables: expect.objectContaining({ taxAmount: 12500000, certificateSerial: 'DK 123456' }) });
  });

  it('Scenario: judicial record certificate — received at the commune, checked in parallel and signed at Sở Tư pháp, returned at the commune', async () => {
    at();
    const id = await start('judicial_record_certificate');
    // 10 calendar days from Monday 2 March: Thursday 12 March, end of the working day.
    await expectDossier(id, { dossierStatus: 2, dueDate: '2026-03-12T10:00:00.000Z' });
    await work(id, 'intake', 'motcua1', INTAKE.judicial_record_certificate!);
    expect(await active(id)).toEqual(['lookup', 'verifyRecords']);
    await expectDossier(id, { dossierStatus: 4 });
    const lookup = await work(id, 'lookup', 'cvtuphap1', { recordFound: false, lookupNote: 'Không có thông tin án tích' });
    expect(lookup.unitCode).toBe(JUSTICE_DIVISION);
    expect(await active(id)).toEqual(['checksDone', 'verifyRecords']);
    await work(id, 'verifyRecords', 'cvtuphap1', { verificationResult: 'Công an tỉnh xác nhận không có án tích', verifiedWith: ['Công an tỉnh Nghệ An'] });
    await work(id, 'draft', 'cvtuphap1', { hasConviction: false, draftContent: 'Không có án tích' });
    await work(id, 'review', 'tptuphap1', { reviewOpinion: 'Đồng ý' });
    const sign = await work(id, 'sign', 'ldtuphap1', signed);
    expect(sign.unitCode).toBe(JUSTICE);
    await work(id, 'dispatch', 'vttuphap1', { resultNumber: '1234/LLTP', issuedOn: '2026-03-10' });
    await expectDossier(id, { activeElementIds: ['returnResult'], dossierStatus: 9 });
    await work(id, 'returnResult', 'motcua1', handedOver);
    await expectDossier(id, { state: 'completed', dossierStatus: 10, variables: expect.objectContaining({ hasConviction: false }) });
  });
});
