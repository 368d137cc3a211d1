/**
 * Bundles the web modeler with esbuild into dist/modeler/: app.js and app.css (bpmn-js, the
 * properties panel, bpmnlint and our pages), the fonts they use, and the static files of
 * modeler/public/. `npm run build` runs it after tsc; it skips the work when the bundle is newer
 * than every file esbuild read for it last time (the metafile), so `npm start` rebuilds only a
 * missing or stale bundle. `--force` always rebuilds. Run: `tsx modeler/build.ts [--force]`.
 *
 * bpmnlint rules are resolved at build time (bundlers cannot follow bpmnlint's dynamic requires):
 * the virtual module `virtual:bpmnlint-rules` imports every rule of bpmnlint's recommended config,
 * and, when it exists, our own plugin engine/model/lint/bpmnlint-plugin.ts (its `motcuaLintRules`
 * and `motcuaLintConfig`: the checks the server runs at deploy).
 */
import { build, type Plugin } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'modeler');
const metafilePath = path.join(outdir, 'meta.json');
const require = createRequire(import.meta.url);

/** Where our own bpmnlint plugin lives (written beside the engine's deploy checks); absent: recommended only. */
export const MOTCUA_LINT_CANDIDATES = ['engine/model/lint/bpmnlint-plugin.ts'];

function motcuaLintEntry(): string | undefined {
  return MOTCUA_LINT_CANDIDATES.map((file) => path.join(root, file)).find((file) => existsSync(file));
}

/** The generated module: bpmnlint's recommended rules as static imports, and the motcua plugin if present. */
function lintRulesSource(): string {
  const recommended = (require('bpmnlint/config/recommended') as { rules: Record<string, unknown> }).rules;
  const names = Object.keys(recommended);
  const plugin = motcuaLintEntry();
  return [
    ...names.map((name, index) => `import rule${index} from 'bpmnlint/rules/${name}';`),
    plugin
      ? `import { motcuaLintRules, motcuaLintConfig } from ${JSON.stringify(plugin)};\nconst motcuaPlugin = { rules: motcuaLintRules, config: motcuaLintConfig };`
      : 'const motcuaPlugin = null;',
    `export const recommendedConfig = ${JSON.stringify({ rules: recommended })};`,
    `export const recommendedRules = { ${names.map((name, index) => `${JSON.stringify(name)}: rule${index}`).join(', ')} };`,
    'export { motcuaPlugin };',
  ].join('\n');
}

const lintRulesPlugin: Plugin = {
  name: 'bpmnlint-rules',
  setup(builder) {
    builder.onResolve({ filter: /^virtual:bpmnlint-rules$/ }, () => ({ path: 'bpmnlint-rules', namespace: 'virtual' }));
    builder.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: lintRulesSource(), loader: 'js', resolveDir: root }));
  },
};

/** Files that decide the bundle besides those esbuild reads (the plugin's presence, the build script). */
const EXTRA_INPUTS = ['modeler/build.ts', 'package-lock.json', 'modeler/public'];

function newestInput(meta: { inputs: Record<string, unknown> }): number {
  let newest = 0;
  for (const input of [...Object.keys(meta.inputs).filter((name) => !name.startsWith('virtual:')), ...EXTRA_INPUTS]) {
    // Stylesheets name fonts with a query or fragment (bpmn.woff?44822120#iefix): the file is before it.
    const file = path.resolve(root, input.replace(/[?#].*$/, ''));
    if (!existsSync(file)) return Infinity;
    const stat = statSync(file);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) {
      for (const name of readdirNames(file)) newest = Math.max(newest, statSync(path.join(file, name)).mtimeMs);
    }
  }
  return newest;
}

const readdirNames = (directory: string): string[] => (existsSync(directory) ? readdirSync(directory) : []);

/** True when the last bundle is newer than everything it was made from (and the plugin is where it was). */
export function bundleIsFresh(): boolean {
  if (!existsSync(metafilePath) || !existsSync(path.join(outdir, 'app.js'))) return false;
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8')) as { inputs: Record<string, unknown>; motcuaLint?: string | null };
  if ((meta.motcuaLint ?? null) !== (motcuaLintEntry() ?? null)) return false;
  return newestInput(meta) < statSync(path.join(outdir, 'app.js')).mtimeMs;
}

export async function buildModeler(options: { force?: boolean; minify?: boolean } = {}): Promise<'built' | 'fresh'> {
  if (!options.force && bundleIsFresh()) return 'fresh';
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: 'modeler/src/main.ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    outdir,
    minify: options.minify ?? true,
    sourcemap: true,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
    assetNames: 'assets/[name]-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [lintRulesPlugin],
  });
  cpSync(path.join(root, 'modeler', 'public'), outdir, { recursive: true });
  writeFileSync(metafilePath, JSON.stringify({ ...result.metafile, motcuaLint: motcuaLintEntry() ?? null }));
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const outcome = await buildModeler({ force: process.argv.includes('--force') });
  process.stdout.write(`modeler: ${outcome === 'fresh' ? 'bundle up to date' : `bundled in ${Math.round(performance.now() - started)} ms`} (${path.relative(root, outdir)})\n`);
}
