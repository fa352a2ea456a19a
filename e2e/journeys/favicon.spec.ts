import { expect, test } from "../fixtures.ts";

// Chromium asks for /favicon.ico when a page is left before its streamed <link rel="icon"> has
// arrived (seen on a loaded machine); a 404 there is a console error on whatever page comes next.
test("the browser's default /favicon.ico is served, as well as the page's own icon", async ({ page }) => {
  await page.goto("/");
  const ico = await page.request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const href = await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute("href");
  expect((await page.request.get(href!)).status()).toBe(200);
});
