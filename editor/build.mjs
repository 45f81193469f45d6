// Bundles the variant editor (editor/main.js with bpmn-js, dmn-js and the Camunda 7 properties panel) into
// editor.js and editor.css, with the modelers' icon fonts as files beside them, from node_modules only: nothing
// is fetched while building. The page's policy allows scripts, styles and fonts from its own server only, so
// everything it needs must be in these files.
// Usage: node editor/build.mjs [output folder]   (default target/classes/static/variants/build)
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.resolve(process.argv[2] || path.join(root, 'target/classes/static/variants/build'));

// a fresh clone, or a build server that never ran npm: install exactly what package-lock.json says
if (!existsSync(path.join(root, 'node_modules/esbuild'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}
const esbuild = await import('esbuild');

const FONTS = ['.eot', '.svg', '.ttf', '.woff', '.woff2'];

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { editor: 'editor/main.js' },
  outdir,
  bundle: true,
  format: 'iife',
  target: 'es2020',
  minify: true,
  sourcemap: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: Object.fromEntries(FONTS.map((extension) => [extension, 'file'])),
  assetNames: 'fonts/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

const sizes = Object.entries(result.metafile.outputs).filter(([file]) => !file.includes('/fonts/'))
  .map(([file, { bytes }]) => `${path.basename(file)} ${(bytes / 1024).toFixed(0)} KiB`);
console.log(`Variant editor bundled into ${outdir}: ${sizes.join(', ')}`);
