/**
 * The API docs page at /api/docs: a small page of our own that reads /api/openapi.json and lists
 * every operation with its permission, parameters, body schema and problems. Its script and style
 * are separate files from the same origin (no inline code, no CDN), so it works under the strict
 * Content-Security-Policy the server sends. It builds the page with DOM calls only (no innerHTML).
 */
import type { IRouter } from 'express';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>motcua API</title>
<link rel="stylesheet" href="/api/docs/docs.css">
<script src="/api/docs/docs.js" defer></script>
</head>
<body>
<header><h1>motcua API</h1><p>Generated from <a href="/api/openapi.json">/api/openapi.json</a>.</p></header>
<main id="operations"><p>Loading…</p></main>
</body>
</html>
`;

const STYLE = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#222}
h2{border-bottom:1px solid #ccc;margin-top:2rem}
details{border:1px solid #ddd;border-radius:4px;margin:.4rem 0;padding:.3rem .6rem}
summary{cursor:pointer}
.method{display:inline-block;min-width:4.5rem;font-weight:bold;text-transform:uppercase}
.get{color:#1565c0}.post{color:#2e7d32}.put,.patch{color:#ef6c00}.delete{color:#c62828}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;font-size:.85rem}
.permission{color:#6a1b9a}
`;

const SCRIPT = `'use strict';
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
function json(value) { return el('pre', '', JSON.stringify(value, null, 2)); }
async function main() {
  const main = document.getElementById('operations');
  const response = await fetch('/api/openapi.json');
  const spec = await response.json();
  main.textContent = '';
  const byTag = new Map();
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, operations] of byTag) {
    main.appendChild(el('h2', '', tag));
    for (const { path, method, op } of operations) {
      const details = el('details');
      const summary = el('summary');
      summary.appendChild(el('span', 'method ' + method, method));
      summary.appendChild(el('code', '', path));
      summary.appendChild(document.createTextNode(' — ' + op.summary));
      details.appendChild(summary);
      if (op.description) details.appendChild(el('p', '', op.description));
      if (op['x-permission']) details.appendChild(el('p', 'permission', 'Needs: ' + op['x-permission'].action + ' ' + op['x-permission'].subject));
      if (op.security && op.security.length === 0) details.appendChild(el('p', '', 'No authentication.'));
      if (op.parameters && op.parameters.length) { details.appendChild(el('h4', '', 'Parameters')); details.appendChild(json(op.parameters)); }
      if (op.requestBody) { details.appendChild(el('h4', '', 'Body (application/json)')); details.appendChild(json(op.requestBody.content['application/json'].schema)); }
      details.appendChild(el('h4', '', 'Responses'));
      const list = el('ul');
      for (const [status, r] of Object.entries(op.responses)) list.appendChild(el('li', '', status + ' ' + r.description));
      details.appendChild(list);
      main.appendChild(details);
    }
  }
}
main().catch((error) => { document.getElementById('operations').textContent = 'Could not load the API description: ' + error; });
`;

export function mountDocs(router: IRouter): void {
  router.get('/api/docs', (_request, response) => void response.type('html').send(PAGE));
  router.get('/api/docs/docs.js', (_request, response) => void response.type('application/javascript').send(SCRIPT));
  router.get('/api/docs/docs.css', (_request, response) => void response.type('text/css').send(STYLE));
}
