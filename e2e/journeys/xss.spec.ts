import { expect, test } from "../fixtures.ts";

// Stored-XSS probes: each would set window.__xss if any view rendered it as HTML.
const IMG = `<img src=x onerror=window.__xss=1>`;
const SCRIPT = `<script>window.__xss=1</script>`;
const xssFired = (page: import("@playwright/test").Page) => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

test("script and onerror payloads in a run name, an annotation and the notes render as inert text", async ({ page }) => {
  const name = `e2e xss ${Date.now()} ${IMG}`;
  await page.goto("/runs/new");
  const fields = { Name: name, p: "13", "Train fraction": "0.5", "Learning rate": "0.003", "Weight decay": "2", "Step budget": "50", "Eval every": "5" };
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);

  // Two annotations on the whole run (no step), one per payload.
  for (const payload of [IMG, SCRIPT]) {
    await page.getByLabel("Annotation text").fill(`note ${payload}`);
    await page.getByRole("button", { name: "Add annotation" }).click();
    await expect(page.getByTestId("annotation").filter({ hasText: payload })).toHaveCount(1);
  }
  await page.getByRole("button", { name: "Edit notes" }).click();
  await page.getByLabel("Notes (Markdown)").fill(`notes ${IMG} and ${SCRIPT} end`);
  await page.getByRole("button", { name: "Save notes" }).click();
  await expect(page.getByTestId("run-notes")).toContainText("end");

  const check = async () => {
    // Shown verbatim as text, never parsed into elements.
    await expect(page.getByTestId("annotation").filter({ hasText: IMG })).toHaveCount(1);
    await expect(page.getByTestId("annotation").filter({ hasText: SCRIPT })).toHaveCount(1);
    for (const scope of [page.getByTestId("annotations"), page.getByTestId("run-notes")]) {
      await expect(scope.locator("img")).toHaveCount(0);
      await expect(scope.locator("script")).toHaveCount(0);
    }
    expect(await xssFired(page)).toBeUndefined();
  };
  await check();
  await page.reload(); // server-rendered this time
  await check();

  // The runs table shows the hostile name as text too.
  await page.goto("/");
  await expect(page.getByTestId("run-row").filter({ hasText: name })).toHaveCount(1);
  await expect(page.getByTestId("run-row").locator("img")).toHaveCount(0);
  expect(await xssFired(page)).toBeUndefined();
  await page.screenshot({ path: "artifacts/xss.png", fullPage: true });
});
