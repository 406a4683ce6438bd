// GeoDa's own LISA code (libgeoda compiled to WebAssembly, npm @geoda/lisa) on a GAL and a
// CSV column, for bench/spatial/run.sh.
//   node geoda_lisa.mjs GAL CSV FIELD PERMUTATIONS SEED STAT [--key NAME] [--p-values OUT.csv] [--wrapper]
// STAT: lisa (Local Moran) | gistar (Getis-Ord G*). The GAL's ids are values of the CSV's key
// column (default: its first column, e.g. `leefbaar weights FILE --key code -o X.gal`); units
// are taken in CSV row order.
// Prints lines like bench_spatial's: phase, units, seconds, peak resident memory (MB), CPU
// seconds of the process (user + system), then the number of units with GeoDa's pseudo
// p <= 0.05 and GeoDa's permutation method.
// "read" is the wasm load and the file reading; the STAT line times the one call into the
// wasm (weights object, statistic, permutations, result object), its input vectors built
// beforehand. --wrapper times the package's exported function instead (localMoran /
// localGStar: JS arrays in, the conversion to and from wasm vectors included).
import { readFileSync, writeFileSync } from 'node:fs';

const usage = 'usage: node geoda_lisa.mjs GAL CSV FIELD PERMUTATIONS SEED lisa|gistar [--key NAME] [--p-values OUT.csv] [--wrapper]';
const args = process.argv.slice(2);
const positional = [];
const opts = { key: null, pValues: null, wrapper: false };
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--key') opts.key = args[++i];
  else if (args[i] === '--p-values') opts.pValues = args[++i];
  else if (args[i] === '--wrapper') opts.wrapper = true;
  else positional.push(args[i]);
}
if (positional.length !== 6 || !['lisa', 'gistar'].includes(positional[5])) {
  console.error(usage);
  process.exit(2);
}
const [galPath, csvPath, field, permArg, seedArg, stat] = positional;
const permutations = Number(permArg), seed = Number(seedArg);

// The package's bundle reads navigator.language when it is loaded: Node 21+ has a global
// navigator, Node 20 (Debian's and this machine's) does not.
globalThis.navigator ??= { language: 'en-US' };
// Never let the package fetch its wasm from the CDN: only the data: URL below may be fetched.
const fetchOf = globalThis.fetch;
globalThis.fetch = (url, init) => {
  if (!String(url).startsWith('data:')) throw new Error(`@geoda/lisa tried to fetch ${url}`);
  return fetchOf(url, init);
};
const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const t0 = performance.now(), c0 = cpuSeconds();
const geoda = await import('@geoda/lisa');
// initWASM(url) is the package's initialiser; it hands the URL to Emscripten's locateFile.
// Its node detection fails in the bundle (a browser polyfill of `process`), so it fetches:
// a data: URL of the bundled file keeps that fetch local.
const wasmFile = new URL('./node_modules/@geoda/lisa/wasm/geoda-lisa.wasm', import.meta.url);
const wasm = await geoda.initWASM(`data:application/wasm;base64,${readFileSync(wasmFile).toString('base64')}`);

// CSV: plain comma-separated, header line, no quoted fields (make_voronoi's tables).
const lines = readFileSync(csvPath, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
if (lines.some((l) => l.includes('"'))) throw new Error(`${csvPath}: quoted fields are not supported`);
const header = lines[0].split(',');
const keyCol = opts.key === null ? 0 : header.indexOf(opts.key);
const valCol = header.indexOf(field);
if (keyCol < 0) throw new Error(`${csvPath}: no column ${opts.key}`);
if (valCol < 0) throw new Error(`${csvPath}: no column ${field}`);
const n = lines.length - 1;
const keys = new Array(n), data = new Float64Array(n), row = new Map();
for (let r = 0; r < n; ++r) {
  const cells = lines[r + 1].split(',');
  keys[r] = cells[keyCol];
  data[r] = Number(cells[valCol]);
  if (cells[valCol] === '' || !Number.isFinite(data[r])) throw new Error(`${csvPath}: ${field} is missing or not a number in row ${r + 2}`);
  if (row.has(keys[r])) throw new Error(`${csvPath}: key ${keys[r]} appears twice`);
  row.set(keys[r], r);
}

// GAL: a header line, then per unit "id k" and its k neighbour ids (whitespace-separated).
const gal = readFileSync(galPath, 'utf8');
const tokens = gal.slice(gal.indexOf('\n') + 1).split(/\s+/).filter((s) => s.length > 0);
const neighbours = Array.from({ length: n }, () => []);
const seen = new Uint8Array(n);
for (let t = 0; t < tokens.length;) {
  const id = tokens[t++], k = Number(tokens[t++]);
  const i = row.get(id);
  if (i === undefined) throw new Error(`${galPath}: id ${id} is not a key of ${csvPath}`);
  seen[i] = 1;
  for (let j = 0; j < k; ++j) {
    const nb = row.get(tokens[t++]);
    if (nb === undefined) throw new Error(`${galPath}: neighbour ${tokens[t - 1]} of ${id} is not a key of ${csvPath}`);
    neighbours[i].push(nb);
  }
}
if (seen.some((s) => s === 0)) throw new Error(`${galPath}: ${seen.filter((s) => s === 0).length} rows of ${csvPath} have no GAL entry`);

const peakMB = () => process.resourceUsage().maxRSS / 1024;
const report = (phase, seconds, cpu, extra = '') =>
  console.log(`${phase.padEnd(8)} ${String(n).padStart(9)} ${seconds.toFixed(3).padStart(8)} ${peakMB().toFixed(0).padStart(8)} ${cpu.toFixed(3).padStart(8)}${extra}`);
report('read', (performance.now() - t0) / 1000, cpuSeconds() - c0);

const cutoff = 0.05;
let p, statistic, seconds, cpu;
if (opts.wrapper) {
  const call = stat === 'lisa' ? geoda.localMoran : geoda.localGStar;
  const t = performance.now(), c = cpuSeconds();
  const r = await call({ data, neighbors: neighbours, permutation: permutations, significanceCutoff: cutoff, seed });
  seconds = (performance.now() - t) / 1000;
  cpu = cpuSeconds() - c;
  p = r.pValues; statistic = r.lisaValues;
} else {
  // The same vectors the package's functions build, made before the clock starts.
  const x = new wasm.VectorDouble();
  x.resize(n, 0);
  for (let i = 0; i < n; ++i) x.set(i, data[i]);
  const nbrs = new wasm.VecVecUInt();
  for (const list of neighbours) {
    const v = new wasm.VectorUInt();
    for (const j of list) v.push_back(j);
    nbrs.push_back(v);
    v.delete();
  }
  const undefs = new wasm.VectorUInt();  // none: the data are complete
  const t = performance.now(), c = cpuSeconds();
  const r = stat === 'lisa' ? wasm.localMoran(x, nbrs, undefs, cutoff, permutations, seed)
                            : wasm.localG(x, nbrs, undefs, cutoff, permutations, seed, 1);
  seconds = (performance.now() - t) / 1000;
  cpu = cpuSeconds() - c;
  const vec = (v) => { const out = new Float64Array(v.size()); for (let i = 0; i < out.length; ++i) out[i] = v.get(i); v.delete(); return out; };
  p = vec(r.getPValues()); statistic = vec(r.getLisaValues());
  r.delete();
}
// libgeoda (cpp/src/sa/local-moran.cpp, local-g.cpp) fixes nCPUs = 1 and the method:
// a lookup table of permutations shared by all units for Local Moran, "complete"
// (draws per unit) for G*, where the lookup table crashed.
const method = stat === 'lisa' ? 'LookupTable' : 'complete';
let significant = 0;
for (let i = 0; i < n; ++i) if (p[i] <= cutoff) ++significant;
report(stat, seconds, cpu, `   sig=${significant} method=${method}${opts.wrapper ? ' wrapper' : ''}`);
if (opts.pValues) {
  let out = `key,${stat},p_geoda\n`;
  for (let i = 0; i < n; ++i) out += `${keys[i]},${statistic[i]},${p[i]}\n`;
  writeFileSync(opts.pValues, out);
}
