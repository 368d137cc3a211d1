/**
 * Serves the web modeler (the esbuild bundle in dist/modeler/, made by `npm run build`) at
 * /modeler with its own Content-Security-Policy: scripts, fonts, images and API calls from this
 * origin only, no inline script, no framing. Styles: this origin, plus inline style *attributes*
 * ('unsafe-inline' in style-src), because bpmn-js and diagram-js set `style` attributes on SVG and
 * overlay elements at run time (markers, label editing, overlays, the palette); the page itself has
 * no inline style or script. Without the bundle, /modeler answers 503 naming the build command.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import { sendProblem } from './send-problem.js';
import { HttpProblem } from '../errors/problem.js';

/** dist/modeler seen from the sources (api/http/) and from the compiled server (dist/api/http/). */
const CANDIDATES = ['../../dist/modeler/', '../../modeler/'].map((relative) => fileURLToPath(new URL(relative, import.meta.url)));

export const modelerDirectory = (): string | undefined => CANDIDATES.find((directory) => existsSync(`${directory}app.js`) && existsSync(`${directory}index.html`));

export const MODELER_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
  },
};

export function mountModeler(app: Express): void {
  const directory = modelerDirectory();
  const headers = helmet({ contentSecurityPolicy: MODELER_CSP, crossOriginEmbedderPolicy: true });
  if (!directory) {
    app.use('/modeler', headers, (request: Request, response: Response) => {
      sendProblem(request, response, new HttpProblem(503, 'modeler-not-built', 'The modeler bundle is missing: run `npm run build`'));
    });
    return;
  }
  app.use('/modeler', headers, express.static(directory, { index: 'index.html', maxAge: 0, fallthrough: true }));
}
