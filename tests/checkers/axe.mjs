// Run axe-core's WCAG rules on web pages in Debian's headless Chromium, at a desktop and a
// phone width. Prints one JSON array: for each page and width, axe's
// violations. Usage: node axe.mjs CHROMIUM PAGE.html...
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
// The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe's best-practice
// rules, such as one <h1> on every page, are left out: a letter may have no
// title and no subject line to head its page).
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const widths = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844, isMobile: true } };

const [chromium, ...pages] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "axe-chromium-"));
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  userDataDir: profile,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const results = [];
try {
  for (const file of pages) {
    for (const [name, viewport] of Object.entries(widths)) {
      const page = await browser.newPage();
      await page.setViewport(viewport);
      await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
      await page.evaluate(axeSource);
      const found = await page.evaluate(async (wcag) => {
        const run = await globalThis.axe.run(document, {
          runOnly: { type: "tag", values: wcag },
          resultTypes: ["violations"],
        });
        return run.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
        }));
      }, WCAG);
      results.push({ file, width: name, violations: found });
      await page.close();
    }
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
