/**
 * Feature: deployments over HTTP — BPMN models and form schemas uploaded as Camunda Modeler sends
 * them (multipart) or as one raw XML model; everything checked before anything is stored, so a
 * refused deployment (400, 413, 415, 422, hostile XML) changes nothing: no definition versions, no
 * forms, no audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { brokenModel, json, reviewForm, userTaskModel } from '../support/deploy-models.js';
import { DEPLOYMENT_LIMITS } from '../../api/routes/deployments.js';

interface Counts {
  definitions: number;
  forms: number;
  audit: number;
}

describe('Feature: deployments', () => {
  let t: TestApi;
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });
  const counts = async (): Promise<Counts> => {
    const admin = await as('admin');
    const definitions = await request(t.app).get('/api/process-definitions?allVersions=true&limit=1').set(admin);
    const forms = await request(t.app).get('/api/forms').set(admin);
    const audit = await request(t.app).get('/api/audit?limit=1').set(admin);
    return { definitions: definitions.body.total as number, forms: forms.body.total as number, audit: audit.body.total as number };
  };
  const deployXml = async (xml: string, name?: string) =>
    request(t.app)
      .post(`/api/deployments${name ? `?name=${encodeURIComponent(name)}` : ''}`)
      .set(await as('phantich1'))
      .set('Content-Type', 'application/xml')
      .send(xml);

  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.close());

  describe('Success', () => {
    it('Scenario: the analyst deploys one model as raw XML; the definition, its XML and an audit entry exist', async () => {
      const xml = userTaskModel('raw_xml_procedure', { name: 'Thủ tục thử' });
      const response = await deployXml(xml, 'Thủ tục thử v1');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: 'Thủ tục thử v1',
        duplicate: false,
        forms: [],
        warnings: [],
        definitions: [{ key: 'raw_xml_procedure', version: 1, name: 'Thủ tục thử', deploymentId: response.body.id }],
      });
      const definitionId = response.body.definitions[0].id as string;
      const stored = await request(t.app).get(`/api/process-definitions/${definitionId}/xml`).set(await as('phantich1'));
      expect(stored.text).toBe(xml);
      const audit = await request(t.app).get('/api/audit').query({ subject: 'Deployment', subjectId: response.body.id }).set(await as('admin'));
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'deploy',
          actor: 'phantich1',
          subject: 'Deployment',
          after: expect.objectContaining({ name: 'Thủ tục thử v1', definitions: [expect.objectContaining({ id: definitionId, key: 'raw_xml_procedure', version: 1 })] }),
        }),
      ]);
    });

    it('Scenario: Camunda Modeler uploads two models and the form one of them names; a second identical upload is a duplicate', async () => {
      const upload = async () =>
        request(t.app)
          .post('/api/deployments')
          .set(await as('phantich1'))
          .field('deployment-name', 'Đăng ký thử')
          .field('deployment-source', 'Camunda Modeler')
          .field('deploy-changed-only', 'true')
          .field('enable-duplicate-filtering', 'true')
          .field('tenant-id', '')
          .attach('registration.bpmn', Buffer.from(userTaskModel('mp_registration', { formKey: 'schema:mp-review' })), 'registration.bpmn')
          .attach('appeal.bpmn20.xml', Buffer.from(userTaskModel('mp_appeal')), 'appeal.bpmn20.xml')
          .attach('mp-review.form.json', json(reviewForm()), 'mp-review.form.json');
      const before = await counts();
      const first = await upload();
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        name: 'Đăng ký thử',
        duplicate: false,
        forms: [{ key: 'mp-review', version: 1, duplicate: false }],
      });
      expect(first.body.definitions).toEqual([
        expect.objectContaining({ key: 'mp_registration', version: 1, resource: 'registration.bpmn' }),
        expect.objectContaining({ key: 'mp_appeal', version: 1, resource: 'appeal.bpmn20.xml' }),
      ]);
      expect(first.body.definitions[0].deploymentId).not.toBe(first.body.definitions[1].deploymentId);
      expect(await counts()).toEqual({ definitions: before.definitions + 2, forms: before.forms + 1, audit: before.audit + 1 });

      const second = await upload();
      expect(second.status).toBe(201);
      expect(second.body).toMatchObject({ duplicate: true, forms: [{ key: 'mp-review', version: 1, duplicate: true }] });
      expect(second.body.definitions.map((d: { id: string }) => d.id)).toEqual(first.body.definitions.map((d: { id: string }) => d.id));
      const after = await counts();
      expect({ definitions: after.definitions, forms: after.forms }).toEqual({ definitions: before.definitions + 2, forms: before.forms + 1 });
      const audit = await request(t.app).get('/api/audit').query({ subject: 'Deployment', limit: 1 }).set(await as('admin'));
      expect(audit.body.items[0]).toMatchObject({ action: 'deploy-unchanged', actor: 'phantich1' });
    });

    it('Scenario: a changed model becomes version 2, and a model may name a form stored by an earlier deployment', async () => {
      const response = await request(t.app)
        .post('/api/deployments')
        .set(await as('admin'))
        .attach('registration.bpmn', Buffer.from(userTaskModel('mp_registration', { formKey: 'schema:mp-review', taskName: 'Thẩm định lại' })), 'registration.bpmn');
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ duplicate: false, forms: [], definitions: [{ key: 'mp_registration', version: 2 }] });
      expect(response.body.id).toBe(response.body.definitions[0].deploymentId);
    });

    it('Scenario: a form alone is deployed (as <key>.json); a changed form becomes its next version', async () => {
      const deployForm = async (title: string) =>
        request(t.app).post('/api/deployments').set(await as('phantich1')).attach('file', json(reviewForm(title)), 'solo-form.json');
      const first = await deployForm('Mẫu một');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ definitions: [], forms: [{ key: 'solo-form', version: 1 }], duplicate: false });
      const second = await deployForm('Mẫu hai');
      expect(second.body).toMatchObject({ forms: [{ key: 'solo-form', version: 2, duplicate: false }] });
    });
  });

  describe('Refusals change nothing', () => {
    it('Scenario: no token is 401, the head of division is 403, and neither stores anything', async () => {
      const before = await counts();
      const anonymous = await request(t.app).post('/api/deployments').set('Content-Type', 'application/xml').send(userTaskModel('forbidden_one'));
      expect(anonymous.status).toBe(401);
      const head = await request(t.app).post('/api/deployments').set(await as('truongphong1')).set('Content-Type', 'application/xml').send(userTaskModel('forbidden_one'));
      expect({ status: head.status, code: head.body.code }).toEqual({ status: 403, code: 'forbidden' });
      expect(await counts()).toEqual(before);
    });

    it('Scenario: wrong content types are 415 and requests that are not uploads are 400', async () => {
      const analyst = await as('phantich1');
      const before = await counts();
      const cases: Array<[() => request.Test, number, string]> = [
        [() => request(t.app).post('/api/deployments').set(analyst).send({ xml: userTaskModel('json_one') }), 415, 'unsupported-media-type'],
        [() => request(t.app).post('/api/deployments').set(analyst).set('Content-Type', 'text/plain').send(userTaskModel('text_one')), 415, 'unsupported-media-type'],
        [() => request(t.app).post('/api/deployments').set(analyst), 400, 'missing-body'],
        [() => request(t.app).post('/api/deployments').set(analyst).set('Content-Type', 'multipart/form-data').send('--x\r\n'), 400, 'malformed-multipart'],
        [
          () => request(t.app).post('/api/deployments').set(analyst).set('Content-Type', 'multipart/form-data; boundary=zzz').send('--zzz\r\nContent-Disposition: form-data; name="a.bpmn"; filename="a.bpmn"\r\n\r\n<bpmn'),
          400,
          'malformed-multipart',
        ],
        [() => request(t.app).post('/api/deployments?version=3').set(analyst).set('Content-Type', 'application/xml').send(userTaskModel('query_one')), 400, 'invalid-request'],
        [() => request(t.app).post('/api/deployments').set(analyst).field('deployment-name', 'x'), 400, 'no-resources'],
      ];
      for (const [send, status, code] of cases) {
        const response = await send();
        expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      }
      expect(await counts()).toEqual(before);
    });

    it('Scenario: unknown files, unknown or bad fields, a tenant, duplicate file names and too many files are 400s naming what is wrong', async () => {
      const analyst = await as('phantich1');
      const model = Buffer.from(userTaskModel('field_one'));
      const before = await counts();
      const unknownFile = await request(t.app)
        .post('/api/deployments')
        .set(analyst)
        .attach('a.bpmn', model, 'a.bpmn')
        .attach('decision.dmn', Buffer.from('<definitions/>'), 'decision.dmn')
        .attach('notes.txt', Buffer.from('hello'), 'notes.txt');
      expect(unknownFile.status).toBe(400);
      expect(unknownFile.body).toMatchObject({ code: 'unsupported-file', errors: [expect.objectContaining({ file: 'decision.dmn' }), expect.objectContaining({ file: 'notes.txt' })] });

      const fields = await request(t.app)
        .post('/api/deployments')
        .set(analyst)
        .field('deployment-activation-time', '2026-01-01')
        .field('tenant-id', 'tinh-nghe-an')
        .field('deploy-changed-only', 'maybe')
        .attach('a.bpmn', model, 'a.bpmn');
      expect(fields.status).toBe(400);
      expect(fields.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['deploy-changed-only', 'deployment-activation-time', 'tenant-id']);

      const twice = await request(t.app).post('/api/deployments').set(analyst).attach('a.bpmn', model, 'a.bpmn').attach('b', model, 'models/a.bpmn');
      expect({ status: twice.status, code: twice.body.code, errors: twice.body.errors }).toEqual({ status: 400, code: 'duplicate-file', errors: [{ file: 'a.bpmn', message: 'sent twice' }] });

      let many = request(t.app).post('/api/deployments').set(analyst);
      for (let i = 0; i <= DEPLOYMENT_LIMITS.files; i++) many = many.attach(`m${i}.bpmn`, model, `m${i}.bpmn`);
      const tooMany = await many;
      expect({ status: tooMany.status, code: tooMany.body.code }).toEqual({ status: 400, code: 'too-many-files' });
      expect(await counts()).toEqual(before);
    });

    it('Scenario: a file over the size limit, a raw model over it, and an upload over the total are 413s', async () => {
      const analyst = await as('phantich1');
      const before = await counts();
      const padded = (size: number) => Buffer.from(userTaskModel('big_one').replace('</bpmn:definitions>', `<!-- ${'x'.repeat(size)} --></bpmn:definitions>`));
      const bigFile = await request(t.app).post('/api/deployments').set(analyst).attach('big.bpmn', padded(DEPLOYMENT_LIMITS.fileBytes), 'big.bpmn');
      expect(bigFile.status).toBe(413);
      expect(bigFile.body).toMatchObject({ code: 'file-too-large', errors: [{ file: 'big.bpmn' }] });

      const bigXml = await request(t.app).post('/api/deployments').set(analyst).set('Content-Type', 'application/xml').send(padded(DEPLOYMENT_LIMITS.fileBytes).toString());
      expect({ status: bigXml.status, code: bigXml.body.code }).toEqual({ status: 413, code: 'file-too-large' });

      // Files each under the per-file limit that together exceed the total.
      const parts = Math.floor(DEPLOYMENT_LIMITS.totalBytes / (DEPLOYMENT_LIMITS.fileBytes - 1024)) + 1;
      let total = request(t.app).post('/api/deployments').set(analyst);
      for (let i = 0; i < parts; i++) total = total.attach(`part${i}.bpmn`, padded(DEPLOYMENT_LIMITS.fileBytes - 2048), `part${i}.bpmn`);
      const tooMuch = await total;
      expect({ status: tooMuch.status, code: tooMuch.body.code }).toEqual({ status: 413, code: 'upload-too-large' });
      expect(await counts()).toEqual(before);
    });

    it('Scenario: a bad model, a bad form and an unknown form key in one upload are one 422 naming each, and nothing is stored', async () => {
      const before = await counts();
      const response = await request(t.app)
        .post('/api/deployments')
        .set(await as('phantich1'))
        .attach('good.bpmn', Buffer.from(userTaskModel('good_but_not_alone', { formKey: 'schema:ok-form' })), 'good.bpmn')
        .attach('ok-form.json', json(reviewForm()), 'ok-form.json')
        .attach('broken.bpmn', Buffer.from(brokenModel('broken_one')), 'broken.bpmn')
        .attach('orphan.bpmn', Buffer.from(userTaskModel('orphan_one', { formKey: 'schema:no-such-form' })), 'orphan.bpmn')
        .attach('badkey.bpmn', Buffer.from(userTaskModel('badkey_one', { formKey: 'schema:bad key!' })), 'badkey.bpmn')
        .attach('not-json.json', Buffer.from('{"type": "object",'), 'not-json.json')
        .attach('array.form.json', Buffer.from('[1, 2]'), 'array.form.json')
        .attach('typo.json', json({ type: 'object', requird: ['name'] }), 'typo.json')
        .attach('wrong-type.json', json({ type: 'object', properties: { name: { type: 'strin' } } }), 'wrong-type.json')
        .attach('remote.json', json({ type: 'object', properties: { a: { $ref: 'https://example.test/schema.json' } } }), 'remote.json')
        .attach('old-dialect.json', json({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' }), 'old-dialect.json')
        .attach('bad key.json', json(reviewForm()), 'bad key.json');
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('invalid-deployment');
      const errors = response.body.errors as Array<{ file: string; elementId?: string; field?: string; code: string }>;
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'broken.bpmn', elementId: 'decide', code: 'missing-condition' }),
          expect.objectContaining({ file: 'orphan.bpmn', elementId: 'review', field: 'camunda:formKey', code: 'unknown-form' }),
          expect.objectContaining({ file: 'badkey.bpmn', elementId: 'review', field: 'camunda:formKey', code: 'invalid-form-key' }),
          expect.objectContaining({ file: 'not-json.json', code: 'invalid-json' }),
          expect.objectContaining({ file: 'array.form.json', code: 'invalid-form-schema' }),
          expect.objectContaining({ file: 'typo.json', code: 'invalid-form-schema' }),
          expect.objectContaining({ file: 'wrong-type.json', code: 'invalid-form-schema' }),
          expect.objectContaining({ file: 'remote.json', code: 'invalid-form-schema' }),
          expect.objectContaining({ file: 'old-dialect.json', code: 'invalid-form-schema', field: '/$schema' }),
          expect.objectContaining({ file: 'bad key.json', code: 'invalid-form-key' }),
        ]),
      );
      expect(errors.filter((e) => e.file === 'good.bpmn' || e.file === 'ok-form.json')).toEqual([]);
      expect(await counts()).toEqual(before);
      const good = await request(t.app).get('/api/process-definitions?key=good_but_not_alone').set(await as('phantich1'));
      expect(good.body.total).toBe(0);
    });

    it('Scenario: the same process in two files, and the same form key twice, are 422s', async () => {
      const before = await counts();
      const response = await request(t.app)
        .post('/api/deployments')
        .set(await as('phantich1'))
        .attach('one.bpmn', Buffer.from(userTaskModel('twin_process')), 'one.bpmn')
        .attach('two.bpmn', Buffer.from(userTaskModel('twin_process', { taskName: 'Khác' })), 'two.bpmn')
        .attach('twin.json', json(reviewForm()), 'twin.json')
        .attach('twin.form.json', json(reviewForm()), 'twin.form.json');
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ file: 'two.bpmn', elementId: 'twin_process', code: 'duplicate-process-key' }),
        expect.objectContaining({ file: 'twin.form.json', code: 'duplicate-form-key' }),
      ]);
      expect(await counts()).toEqual(before);
    });

    it('Scenario: a raw model the engine refuses is a 422 naming its elements; an empty or non-UTF-8 one too', async () => {
      const before = await counts();
      const broken = await deployXml(brokenModel('raw_broken'), 'kaputt');
      expect(broken.status).toBe(422);
      expect(broken.body.errors).toEqual([expect.objectContaining({ file: 'kaputt', elementId: 'decide', code: 'missing-condition' })]);
      const notXml = await deployXml('this is not xml');
      expect(notXml.status).toBe(422);
      expect(notXml.body.errors[0]).toMatchObject({ file: 'request body', code: 'xml-invalid' });
      const latin1 = await request(t.app)
        .post('/api/deployments')
        .set(await as('phantich1'))
        .attach('latin1.bpmn', Buffer.from(userTaskModel('latin_one', { name: 'Đăng ký' }), 'latin1'), 'latin1.bpmn');
      expect(latin1.status).toBe(422);
      expect(latin1.body.errors).toEqual([expect.objectContaining({ file: 'latin1.bpmn', code: 'invalid-encoding' })]);
      const empty = await request(t.app).post('/api/deployments').set(await as('phantich1')).attach('empty.bpmn', Buffer.alloc(0), 'empty.bpmn');
      expect(empty.status).toBe(422);
      expect(empty.body.errors).toEqual([expect.objectContaining({ file: 'empty.bpmn', code: 'xml-invalid' })]);
      expect(await counts()).toEqual(before);
    });

    it('Scenario: a billion-laughs or external-entity model is refused before any parser reads it, and nothing is stored', async () => {
      const before = await counts();
      const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
${userTaskModel('laughs_one', { name: '&lol4;' }).replace(/^<\?xml[^>]*>\n/, '')}`;
      const external = `<?xml version="1.0"?>
<!DOCTYPE definitions [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
${userTaskModel('xxe_one', { name: '&xxe;' }).replace(/^<\?xml[^>]*>\n/, '')}`;
      for (const xml of [laughs, external]) {
        const raw = await deployXml(xml);
        expect({ status: raw.status, errors: raw.body.errors }).toEqual({ status: 422, errors: [expect.objectContaining({ code: 'doctype-not-allowed' })] });
        const multipart = await request(t.app).post('/api/deployments').set(await as('phantich1')).attach('evil.bpmn', Buffer.from(xml), 'evil.bpmn');
        expect({ status: multipart.status, errors: multipart.body.errors }).toEqual({ status: 422, errors: [expect.objectContaining({ file: 'evil.bpmn', code: 'doctype-not-allowed' })] });
      }
      expect(await counts()).toEqual(before);
      const keys = await request(t.app).get('/api/process-definitions?allVersions=true&limit=200').set(await as('admin'));
      expect(keys.body.items.map((d: { key: string }) => d.key)).not.toEqual(expect.arrayContaining(['laughs_one']));
      expect(keys.body.items.map((d: { key: string }) => d.key)).not.toEqual(expect.arrayContaining(['xxe_one']));
    });
  });

  it('Scenario: the OpenAPI document lists the deployment, definition and form routes with their permissions and body types', async () => {
    const response = await request(t.app).get('/api/openapi.json');
    const paths = response.body.paths;
    expect(paths['/api/deployments'].post).toMatchObject({
      'x-permission': { action: 'create', subject: 'Deployment' },
      requestBody: { content: { 'multipart/form-data': expect.any(Object), 'application/xml': expect.any(Object), 'text/xml': expect.any(Object) } },
    });
    expect(Object.keys(paths['/api/deployments'].post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '413', '415', '422']));
    expect(paths['/api/process-definitions'].get['x-permission']).toEqual({ action: 'read', subject: 'ProcessDefinition' });
    expect(paths['/api/process-definitions/{id}'].get.responses).toHaveProperty('404');
    expect(paths['/api/process-definitions/{id}/xml'].get).toBeDefined();
    expect(paths['/api/forms'].get['x-permission']).toEqual({ action: 'read', subject: 'ProcessDefinition' });
    expect(paths['/api/forms/{key}'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'key', in: 'path' }), expect.objectContaining({ name: 'version', in: 'query' })]),
    );
  });
});
