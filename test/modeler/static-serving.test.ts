/**
 * /modeler over HTTP (no browser): the page and the bundle are served with the modeler's own
 * Content-Security-Policy (scripts from this origin only; inline styles allowed for bpmn-js's style
 * attributes, nothing else inline), and the API keeps its stricter policy.
 */
import request from 'supertest';
import { buildModeler } from '../../modeler/build.js';
import { startTestApi, type TestApi } from '../support/api-app.js';

let api: TestApi;

beforeAll(async () => {
  await buildModeler();
  api = await startTestApi();
}, 60_000);

afterAll(async () => {
  await api?.close();
});

const directives = (header: string | undefined): Map<string, string> =>
  new Map((header ?? '').split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));

test('the page and its bundle come with the modeler CSP', async () => {
  const page = await request(api.app).get('/modeler/');
  expect(page.status).toBe(200);
  expect(page.text).toContain('<script type="module" src="/modeler/app.js">');
  const csp = directives(page.headers['content-security-policy']);
  expect(csp.get('script-src')).toBe("'self'");
  expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
  expect(csp.get('default-src')).toBe("'none'");
  expect(csp.get('frame-ancestors')).toBe("'none'");
  const script = await request(api.app).get('/modeler/app.js');
  expect(script.status).toBe(200);
  expect(script.headers['content-type']).toMatch(/javascript/);
});

test('the API keeps its own policy, with no inline styles', async () => {
  const response = await request(api.app).get('/health');
  expect(directives(response.headers['content-security-policy']).get('style-src')).toBe("'self'");
});
