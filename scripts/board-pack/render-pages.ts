/**
 * Renders each page of a board-pack PDF to a PNG, for reading the pack by eye
 * and for docs/board-pack/: PDF.js (pdfjs-dist) draws the pages on canvases in
 * Debian's Chromium, so nothing beyond the npm packages and the browser is needed.
 *
 *   npx tsx scripts/board-pack/render-pages.ts FILE.pdf OUT_DIR [scale]
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [file, outDir, scaleArg] = process.argv.slice(2);
if (!file || !outDir) {
  console.error("Usage: npx tsx scripts/board-pack/render-pages.ts FILE.pdf OUT_DIR [scale]");
  process.exit(2);
}
const scale = Number(scaleArg ?? 1.5);
const pdfjs = path.resolve("node_modules/pdfjs-dist/build");
const page = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#888">
<script type="module">
import * as pdfjs from "/pdf.mjs";
pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.mjs";
const doc = await pdfjs.getDocument("/pack.pdf").promise;
for (let i = 1; i <= doc.numPages; i++) {
  const p = await doc.getPage(i);
  const viewport = p.getViewport({ scale: ${scale} });
  const canvas = document.createElement("canvas");
  canvas.width = viewport.width; canvas.height = viewport.height; canvas.id = "page-" + i;
  canvas.style.display = "block"; canvas.style.marginBottom = "8px";
  document.body.append(canvas);
  await p.render({ canvasContext: canvas.getContext("2d"), viewport, canvas }).promise;
}
window.pages = doc.numPages;
</script>`;
const files: Record<string, [string, string]> = {
  "/pdf.mjs": [path.join(pdfjs, "pdf.mjs"), "text/javascript"],
  "/pdf.worker.mjs": [path.join(pdfjs, "pdf.worker.mjs"), "text/javascript"],
  "/pack.pdf": [path.resolve(file), "application/pdf"],
};
const server = http.createServer((req, res) => {
  const f = files[req.url ?? ""];
  if (req.url === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
  if (!f) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": f[1] }).end(fs.readFileSync(f[0]));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const port = (server.address() as { port: number }).port;
const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), "rampart-pages-")), {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
try {
  const tab = context.pages()[0] ?? (await context.newPage());
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab.waitForFunction(() => (window as unknown as { pages?: number }).pages, undefined, { timeout: 60_000 });
  const count = await tab.evaluate(() => (window as unknown as { pages: number }).pages);
  fs.mkdirSync(outDir, { recursive: true });
  for (let i = 1; i <= count; i++) await tab.locator(`#page-${i}`).screenshot({ path: path.join(outDir, `page-${i}.png`) });
  console.log(`Rendered ${count} pages of ${file} to ${outDir}.`);
} finally {
  await context.close();
  server.close();
}
