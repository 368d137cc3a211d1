/**
 * Feature: user-task forms — the form routes (latest per key, one by key and version), the seed
 * from workflows/forms/, the checks a form file passes on deploy, the `schema:` form keys read out
 * of a model, and validateFormData, which task completion uses to answer 422 field by field.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { servicesOf } from '../../api/app.js';
import { validateFormData } from '../../api/forms/form-data.js';
import { checkFormFile } from '../../api/forms/form-schema.js';
import { schemaFormReferences } from '../../api/forms/form-references.js';
import { seedForms } from '../../api/seed-workflows.js';
import { startTestApi, type TestApi } from '../support/api-app.js';
import { json, reviewForm } from '../support/deploy-models.js';

describe('Feature: forms', () => {
  let t: TestApi;
  let directory: string;
  const as = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });

  beforeAll(async () => {
    t = await startTestApi();
    directory = await mkdtemp(path.join(tmpdir(), 'motcua-forms-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
    await t.close();
  });

  describe('Seeding from workflows/forms/', () => {
    it('Scenario: the seed saves each form once, a changed file becomes the next version, and a missing folder holds none', async () => {
      const sql = servicesOf(t.app).sql;
      await writeFile(path.join(directory, 'seed-review.json'), json(reviewForm('Thẩm định')));
      await writeFile(path.join(directory, 'seed-intake.form.json'), json({ title: 'Tiếp nhận', type: 'object', properties: { accepted: { type: 'boolean', title: 'Tiếp nhận hồ sơ' } }, required: ['accepted'] }));
      await writeFile(path.join(directory, 'README.md'), 'not a form');
      expect(await seedForms(sql, t.clock, directory)).toEqual(['seed-intake v1', 'seed-review v1']);
      expect(await seedForms(sql, t.clock, directory)).toEqual(['seed-intake v1', 'seed-review v1']);
      await writeFile(path.join(directory, 'seed-review.json'), json(reviewForm('Thẩm định (sửa)')));
      expect(await seedForms(sql, t.clock, directory)).toEqual(['seed-intake v1', 'seed-review v2']);
      expect(await seedForms(sql, t.clock, path.join(directory, 'missing'))).toEqual([]);
    });

    it('Scenario: a seed form that is not a usable schema stops the seed and stores nothing', async () => {
      const bad = await mkdtemp(path.join(tmpdir(), 'motcua-forms-bad-'));
      try {
        await writeFile(path.join(bad, 'seed-good.json'), json(reviewForm()));
        await writeFile(path.join(bad, 'seed-bad.json'), json({ type: 'object', properties: { a: { type: 'strin' } } }));
        await expect(seedForms(servicesOf(t.app).sql, t.clock, bad)).rejects.toThrow(/seed-bad\.json/);
        expect((await request(t.app).get('/api/forms/seed-good').set(await as('phantich1'))).status).toBe(404);
      } finally {
        await rm(bad, { recursive: true, force: true });
      }
    });
  });

  describe('Routes', () => {
    it('Scenario: an officer lists the latest version of every form and reads one, latest or by version', async () => {
      const officer = await as('chuyenvien1');
      const listed = await request(t.app).get('/api/forms').set(officer);
      expect(listed.status).toBe(200);
      const seeded = listed.body.items.filter((f: { key: string }) => f.key.startsWith('seed-'));
      expect(seeded).toEqual([
        expect.objectContaining({ key: 'seed-intake', version: 1, title: 'Tiếp nhận', createdBy: 'system', deploymentId: null }),
        expect.objectContaining({ key: 'seed-review', version: 2, title: 'Thẩm định (sửa)' }),
      ]);
      expect(listed.body.items[0]).not.toHaveProperty('schema');
      const latest = await request(t.app).get('/api/forms/seed-review').set(officer);
      expect(latest.body).toMatchObject({ key: 'seed-review', version: 2, schema: reviewForm('Thẩm định (sửa)') });
      const first = await request(t.app).get('/api/forms/seed-review').query({ version: 1 }).set(officer);
      expect(first.body).toMatchObject({ key: 'seed-review', version: 1, schema: { title: 'Thẩm định' } });
    });

    it('Scenario: a deployed form is listed with its deployment and author', async () => {
      const deployed = await request(t.app).post('/api/deployments').set(await as('phantich1')).attach('f', json(reviewForm('Mẫu triển khai')), 'deployed-form.form.json');
      expect(deployed.status).toBe(201);
      const form = await request(t.app).get('/api/forms/deployed-form').set(await as('chuyenvien1'));
      expect(form.body).toMatchObject({ key: 'deployed-form', version: 1, deploymentId: deployed.body.id, createdBy: 'phantich1', title: 'Mẫu triển khai' });
    });

    it('Scenario: bad parameters are 400, no token 401, a unit admin 403, an unknown form or version 404', async () => {
      const officer = await as('chuyenvien1');
      const unitAdmin = await as('quantri.xa1');
      const cases: Array<[() => request.Test, number, string]> = [
        [() => request(t.app).get('/api/forms/bad%20key!').set(officer), 400, 'invalid-request'],
        [() => request(t.app).get('/api/forms/seed-review').query({ version: 0 }).set(officer), 400, 'invalid-request'],
        [() => request(t.app).get('/api/forms/seed-review').query({ version: 'latest' }).set(officer), 400, 'invalid-request'],
        [() => request(t.app).get('/api/forms').query({ key: 'x' }).set(officer), 400, 'invalid-request'],
        [() => request(t.app).get('/api/forms'), 401, 'unauthenticated'],
        [() => request(t.app).get('/api/forms/seed-review'), 401, 'unauthenticated'],
        [() => request(t.app).get('/api/forms').set(unitAdmin), 403, 'forbidden'],
        [() => request(t.app).get('/api/forms/seed-review').set(unitAdmin), 403, 'forbidden'],
        [() => request(t.app).get('/api/forms/no-such-form').set(officer), 404, 'not-found'],
        [() => request(t.app).get('/api/forms/seed-review').query({ version: 9 }).set(officer), 404, 'not-found'],
      ];
      for (const [send, status, code] of cases) {
        const response = await send();
        expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
      }
    });
  });

  describe('Form files on deploy (checkFormFile)', () => {
    const check = (name: string, value: unknown) => checkFormFile(name, typeof value === 'string' ? Buffer.from(value) : json(value));

    it('Scenario: the key is the file name without .form.json or .json; draft-07 and 2020-12 schemas both compile', () => {
      expect(check('ho-kinh-doanh.form.json', reviewForm()).form?.key).toBe('ho-kinh-doanh');
      expect(check('ho_kinh.doanh.json', reviewForm()).form?.key).toBe('ho_kinh.doanh');
      expect(check('draft7.json', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { a: { type: 'string' } } }).problems).toEqual([]);
      const tuple = { type: 'object', properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }] } } };
      expect(check('draft2020.json', { $schema: 'https://json-schema.org/draft/2020-12/schema', ...tuple }).problems).toEqual([]);
      expect(check('default2020.json', tuple).problems).toEqual([]);
      // prefixItems is not a draft-07 keyword: strict mode refuses it there
      expect(check('draft7-tuple.json', { $schema: 'http://json-schema.org/draft-07/schema#', ...tuple }).problems).toEqual([expect.objectContaining({ code: 'invalid-form-schema' })]);
      expect(check('bom.json', `\uFEFF${JSON.stringify(reviewForm())}`).problems).toEqual([]);
    });

    it('Scenario: each kind of bad form file is named with its reason', () => {
      const codeOf = (name: string, value: unknown) => check(name, value).problems.map((p) => [p.file, p.code, p.field]);
      expect(codeOf('x.json', '{')).toEqual([['x.json', 'invalid-json', undefined]]);
      expect(codeOf('x.json', '"text"')).toEqual([['x.json', 'invalid-form-schema', undefined]]);
      expect(codeOf('x.json', { type: 'array' })).toEqual([['x.json', 'invalid-form-schema', '/type']]);
      expect(codeOf('x.json', { $schema: 'http://json-schema.org/draft-04/schema#' })).toEqual([['x.json', 'invalid-form-schema', '/$schema']]);
      expect(codeOf('x.json', { type: 'object', properties: { a: { minLength: -1 } } })).toEqual([['x.json', 'invalid-form-schema', undefined]]);
      expect(codeOf('x.json', { type: 'object', properties: { a: { type: 'string', format: 'no-such-format' } } })).toEqual([['x.json', 'invalid-form-schema', undefined]]);
      expect(codeOf('x.json', { properties: { a: { $ref: '#/$defs/missing' } } })).toEqual([['x.json', 'invalid-form-schema', undefined]]);
      expect(codeOf('x.json', JSON.parse('{"properties": {"__proto__": {"type": "string"}}}'))).toEqual([['x.json', 'invalid-form-schema', '/properties/__proto__']]);
      let deep: Record<string, unknown> = { type: 'string' };
      for (let i = 0; i < 70; i++) deep = { type: 'object', properties: { a: deep } };
      expect(codeOf('deep.json', deep)).toEqual([['deep.json', 'invalid-form-schema', expect.stringMatching(/^\/properties\/a/)]]);
      expect(codeOf('.json', reviewForm())).toEqual([['.json', 'invalid-form-key', undefined]]);
      expect(codeOf('mẫu.json', reviewForm())).toEqual([['mẫu.json', 'invalid-form-key', undefined]]);
    });
  });

  describe('Form keys in a model (schemaFormReferences)', () => {
    it('Scenario: schema: keys are found under whatever prefix the Camunda namespace has; comments and other keys are not', () => {
      const xml = `<?xml version="1.0"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:c="http://camunda.org/schema/1.0/bpmn" xmlns:a="http://activiti.org/bpmn">
  <process id="p" isExecutable="true">
    <startEvent id="s" c:formKey='schema:start-form' />
    <!-- <userTask id="commented" c:formKey="schema:ghost" /> -->
    <userTask id="t1" name="a &gt; b" c:formKey="schema:review&#46;v2" />
    <userTask id="t2" c:formKey="motcua:intake" />
    <userTask id="t3" a:formKey="schema:legacy" />
    <userTask id="t4" formKey="schema:not-camunda" />
  </process>
</definitions>`;
      expect(schemaFormReferences(xml)).toEqual([
        { elementId: 's', formKey: 'schema:start-form' },
        { elementId: 't1', formKey: 'schema:review.v2' },
        { elementId: 't3', formKey: 'schema:legacy' },
      ]);
    });
  });

  describe('Submitted data (validateFormData)', () => {
    const form = {
      type: 'object',
      required: ['applicant', 'decision'],
      additionalProperties: false,
      properties: {
        applicant: {
          type: 'object',
          required: ['fullName', 'idNumber'],
          properties: {
            fullName: { type: 'string', title: 'Họ và tên', minLength: 1 },
            idNumber: { type: 'string', title: 'Số định danh', pattern: '^[0-9]{12}$' },
            email: { type: 'string', format: 'email' },
          },
        },
        decision: { enum: ['approve', 'reject'] },
        capital: { type: 'integer', minimum: 0 },
        'a/b': { type: 'string' },
      },
    };

    it('Scenario: data that fits the form has no problems', () => {
      expect(validateFormData(form, { applicant: { fullName: 'Nguyễn Văn A', idNumber: '040123456789', email: 'a@example.vn' }, decision: 'approve', capital: 100_000_000 })).toEqual([]);
    });

    it('Scenario: every error is reported, each with its field as a pointer under /variables', () => {
      const problems = validateFormData(form, { applicant: { idNumber: '12', email: 'not-an-email' }, decision: 'maybe', capital: '5', extra: true, 'a/b': 1 });
      expect(problems).toEqual(
        expect.arrayContaining([
          { field: '/variables/applicant/fullName', message: 'is required' },
          { field: '/variables/applicant/idNumber', message: 'must match pattern "^[0-9]{12}$"' },
          { field: '/variables/applicant/email', message: 'must match format "email"' },
          { field: '/variables/decision', message: 'must be one of "approve", "reject"' },
          { field: '/variables/capital', message: 'must be integer' },
          { field: '/variables/extra', message: 'is not a field of this form' },
          { field: '/variables/a~1b', message: 'must be string' },
        ]),
      );
      expect(problems).toHaveLength(7);
      expect(validateFormData(form, {})).toEqual([
        { field: '/variables/applicant', message: 'is required' },
        { field: '/variables/decision', message: 'is required' },
      ]);
    });

    it('Scenario: nothing is coerced or filled in: the variables are left exactly as submitted', () => {
      const withDefault = { type: 'object', properties: { count: { type: 'integer', default: 1 }, flag: { type: 'boolean' } } };
      const variables: Record<string, unknown> = { flag: 'true' };
      expect(validateFormData(withDefault, variables)).toEqual([{ field: '/variables/flag', message: 'must be boolean' }]);
      expect(variables).toEqual({ flag: 'true' });
    });

    it('Scenario: two versions of a form with the same $id are both usable (validators cached by content)', () => {
      const v1 = { $id: 'https://motcua.vn/forms/x', type: 'object', required: ['a'] };
      const v2 = { $id: 'https://motcua.vn/forms/x', type: 'object', required: ['b'] };
      expect(validateFormData(v1, { b: 1 })).toEqual([{ field: '/variables/a', message: 'is required' }]);
      expect(validateFormData(v2, { a: 1 })).toEqual([{ field: '/variables/b', message: 'is required' }]);
      expect(validateFormData({ ...v1 }, { a: 1 })).toEqual([]);
    });

    it('Scenario: draft-07 forms validate too', () => {
      const draft7 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { d: { type: 'string', format: 'date' } } };
      expect(validateFormData(draft7, { d: '2026-02-30' })).toEqual([{ field: '/variables/d', message: 'must match format "date"' }]);
      expect(validateFormData(draft7, { d: '2026-02-28' })).toEqual([]);
    });
  });
});
