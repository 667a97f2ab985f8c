// Bundles src/editor.js into dist/editor.js (one minified IIFE) and writes
// dist/LICENSES.txt with the licence of every npm package that ends up in the bundle.
// Run through build.sh, which installs the exact versions from package-lock.json first.
import { build } from "esbuild";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync, statSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
mkdirSync(dist, { recursive: true });

// Trims applied at bundle time, each for code this editor never runs:
// - codemirror-json-schema renders descriptions with markdown-it and starts the shiki
//   highlighter (JS regex engine, themes, grammars) at load time: swapped for a tiny
//   escaping renderer (src/markdown-shim.js).
// - its parser registry pulls in the JSON5 and JSON parsers (json5,
//   best-effort-json-parser) next to YAML's: swapped for a YAML-only registry, and the
//   JSON parser that its main entry re-exports gets plain JSON.parse.
// - its `import YAML from "yaml"` takes the whole library as one object: only
//   YAML.parse is used, so hand it just that (lets esbuild drop yaml's other entry points).
// - json-schema-library checks format "idn-email" with smtp-address-parser (a nearley
//   grammar): swapped for a plain check (src/email-shim.js); gongwen's schema has no
//   e-mail fields.
const SHIM = "gongwen-shim";
const from = (args, pkg) => args.importer.includes(`${sep}node_modules${sep}${pkg}${sep}`);
const trims = {
  name: "gongwen-trims",
  setup(b) {
    b.onResolve({ filter: /\/utils\/markdown(\.js)?$/ }, (args) =>
      from(args, "codemirror-json-schema") ? { path: join(here, "src", "markdown-shim.js") } : undefined);
    b.onResolve({ filter: /^\.\.?\/parsers(\/index(\.js)?)?$|^\.\/index(\.js)?$/ }, (args) => {
      if (!from(args, "codemirror-json-schema")) return undefined;
      const target = resolve(args.resolveDir, args.path.replace(/(\/index)?(\.js)?$/, ""));
      if (!target.endsWith(`${sep}dist${sep}parsers`)) return undefined;
      return { path: "parsers", namespace: SHIM, pluginData: { dir: target } };
    });
    b.onResolve({ filter: /^yaml$/ }, (args) =>
      from(args, "codemirror-json-schema") ? { path: "yaml", namespace: SHIM } : undefined);
    b.onResolve({ filter: /^best-effort-json-parser$/ }, (args) =>
      from(args, "codemirror-json-schema") ? { path: "best-effort-json-parser", namespace: SHIM } : undefined);
    b.onResolve({ filter: /^smtp-address-parser$/ }, (args) =>
      from(args, "json-schema-library") ? { path: join(here, "src", "email-shim.js") } : undefined);
    b.onLoad({ filter: /^parsers$/, namespace: SHIM }, (args) => ({
      resolveDir: args.pluginData.dir,
      contents:
        'import { parseYAMLDocumentState } from "./yaml-parser.js";\n' +
        "export { parseYAMLDocumentState };\n" +
        "export const getDefaultParser = () => parseYAMLDocumentState;\n",
    }));
    b.onLoad({ filter: /^best-effort-json-parser$/, namespace: SHIM }, () => ({
      contents: "export const parse = (text) => JSON.parse(text);\n",
    }));
    b.onLoad({ filter: /^yaml$/, namespace: SHIM }, () => ({
      resolveDir: here,
      contents: 'import { parse } from "yaml";\nexport default { parse };\nexport * from "yaml";\n',
    }));
  },
};

const result = await build({
  absWorkingDir: here,
  entryPoints: [join(here, "src", "editor.js")],
  outfile: join(dist, "editor.js"),
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  sourcemap: false,
  legalComments: "none", // licences go to dist/LICENSES.txt instead
  banner: {
    js: "/* gongwen web editor: CodeMirror 6 + codemirror-json-schema, bundled by web/editor/build.sh. " +
      "Third-party licences: LICENSES.txt beside this file. */",
  },
  define: { "process.env.NODE_ENV": '"production"' },
  metafile: true,
  logLevel: "warning",
  plugins: [trims],
});

// Packages whose code is in the bundle: the nearest package.json above each input.
const pkgDirs = new Set();
for (const [input, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
  if (!bytesInOutput) continue;
  let d = dirname(resolve(here, input));
  if (!d.includes(`${sep}node_modules${sep}`)) continue;
  while (!existsSync(join(d, "package.json")) || !JSON.parse(readFileSync(join(d, "package.json"), "utf8")).name) {
    d = dirname(d);
  }
  pkgDirs.add(d);
}

const licenceFile = (d) =>
  readdirSync(d)
    .filter((f) => /^(licen[cs]e|copying|notice)([.-].*)?$/i.test(f) && statSync(join(d, f)).isFile())
    .sort();

const pkgs = [...pkgDirs]
  .map((d) => ({ d, pj: JSON.parse(readFileSync(join(d, "package.json"), "utf8")) }))
  .sort((a, b) => a.pj.name.localeCompare(b.pj.name));

let out =
  "Third-party software bundled in dist/editor.js (gongwen's web editor).\n" +
  "Each package's name, version, licence and licence text, from its npm package.\n" +
  "Not bundled (replaced at build time by small stand-ins in web/editor/src/, see build.mjs):\n" +
  "markdown-it, shiki and @shikijs/* (codemirror-json-schema's markdown rendering), json5 and\n" +
  "best-effort-json-parser (its JSON5/JSON parsers), smtp-address-parser (json-schema-library's\n" +
  "idn-email check).\n";
for (const { d, pj } of pkgs) {
  const licence = typeof pj.license === "string" ? pj.license : pj.license?.type ?? (pj.licenses || []).map((l) => l.type).join(" OR ");
  out += "\n" + "=".repeat(78) + "\n";
  out += `${pj.name} ${pj.version}\nLicense: ${licence || "(not stated in package.json; see the licence file below)"}\n`;
  if (pj.repository) out += `Repository: ${typeof pj.repository === "string" ? pj.repository : pj.repository.url}\n`;
  const files = licenceFile(d);
  if (!files.length) {
    out += "\n(No licence file in the npm package; its package.json states the licence above.)\n";
    if (pj.author) out += `Author: ${typeof pj.author === "string" ? pj.author : pj.author.name}\n`;
  }
  for (const f of files) {
    out += `\n--- ${f} ---\n` + readFileSync(join(d, f), "utf8").replace(/\r\n/g, "\n").trimEnd() + "\n";
  }
}
writeFileSync(join(dist, "LICENSES.txt"), out);

const size = statSync(join(dist, "editor.js")).size;
console.log(`dist/editor.js: ${size} bytes; ${pkgs.length} packages in dist/LICENSES.txt:`);
console.log(pkgs.map(({ pj }) => `  ${pj.name}@${pj.version}`).join("\n"));
if (process.env.GONGWEN_EDITOR_ANALYZE) {
  // Bytes in the bundle by package.
  const out = Object.values(result.metafile.outputs)[0];
  const by = {};
  for (const [p, v] of Object.entries(out.inputs)) {
    const m = p.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
    by[m ? m[1] : p] = (by[m ? m[1] : p] || 0) + v.bytesInOutput;
  }
  for (const [k, v] of Object.entries(by).sort((a, b) => b[1] - a[1])) console.log(`${String(v).padStart(8)}  ${k}`);
}
