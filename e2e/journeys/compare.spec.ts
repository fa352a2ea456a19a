import { expect, test } from "../fixtures.ts";
import type { Page } from "@playwright/test";

const TINY = { p: "13", "Train fraction": "0.5", "Learning rate": "0.003", "Weight decay": "2", "Step budget": "300", "Eval every": "5" };

async function launch(page: Page, fields: Record<string, string>) {
  await page.goto("/runs/new");
  for (const [label, value] of Object.entries(fields)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
}

test("compare two finished runs, align them, then zoom and smooth one run's charts", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  const stamp = Date.now();
  const names = [`e2e compare A ${stamp}`, `e2e compare B ${stamp}`];
  for (const [i, name] of names.entries()) await launch(page, { ...TINY, Name: name, Seed: String(i + 1) });

  await page.goto("/");
  const rows = names.map((name) => page.getByTestId("run-row").filter({ hasText: name }));
  for (const row of rows) await expect(row).toContainText("succeeded", { timeout: 150_000 });
  for (const row of rows) await row.getByTestId("run-select").check();
  await page.getByRole("button", { name: "T_mem" }).click();
  await expect(page).toHaveURL(/sort=tMem&dir=asc/);
  await page.screenshot({ path: "artifacts/runs-table.png" });
  await page.getByRole("button", { name: "Compare (2)" }).click();
  await expect(page).toHaveURL(/\/compare\?ids=[0-9a-f-]{36},[0-9a-f-]{36}/);

  const chart = page.getByTestId("compare-chart");
  const lines = chart.locator("path[data-run-id]");
  await expect(lines).toHaveCount(2);
  for (const line of await lines.all()) expect(Number(await line.getAttribute("data-points"))).toBe(300 / 5 + 1);
  await expect(page.getByTestId("compare-legend")).toContainText(names[0]!);
  await expect(page.getByTestId("compare-legend")).toContainText("p 13");

  // Align at T_mem: runs that memorised are drawn around x = 0, the others are listed as excluded.
  await page.getByLabel("X axis").selectOption("tMem");
  await expect(page).toHaveURL(/align=tMem/);
  await expect(chart).toHaveAttribute("data-align", "tMem");
  const drawn = await lines.count();
  if (drawn < 2) await expect(page.getByTestId("compare-excluded")).toBeVisible();
  else await expect(chart.locator('[data-marker="t_mem"]')).toHaveCount(1);
  await page.screenshot({ path: "artifacts/compare.png", fullPage: true });
  await page.getByLabel("Colour by").selectOption("weightDecay");
  await expect(page).toHaveURL(/color=weightDecay/);
  await expect(lines).toHaveCount(drawn);

  // Run page chart tools: log step axis, smoothing, drag-to-zoom, reset — all kept in the URL.
  await page.goto("/");
  await rows[0]!.getByRole("link").click();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded");
  await page.getByLabel("Step axis").selectOption("log");
  await expect(page).toHaveURL(/x=log/);
  await page.getByLabel("Smoothing").fill("0.6");
  await expect(page).toHaveURL(/smooth=0.6/);
  await expect(page.locator('[data-testid="chart-accuracy"] [data-raw-series="test_acc"]')).toHaveCount(1);
  await page.getByLabel("Step axis").selectOption("linear");
  const hit = page.getByTestId("chart-loss").getByTestId("chart-hit");
  const box = (await hit.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await expect(page.getByTestId("chart-accuracy").locator(".chart-tooltip")).toContainText("step");
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page).toHaveURL(/from=\d+&to=\d+/);
  const zoomed = Number(await page.locator('[data-testid="chart-accuracy"] [data-series="test_acc"]').getAttribute("data-points"));
  await expect.poll(async () => Number(await page.locator('[data-testid="chart-accuracy"] [data-series="test_acc"]').getAttribute("data-points"))).toBeLessThan(61);
  expect(zoomed).toBeGreaterThan(0);
  await page.screenshot({ path: "artifacts/run-chart-tools.png", fullPage: true });
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(page).not.toHaveURL(/from=/);
  await expect.poll(async () => Number(await page.locator('[data-testid="chart-accuracy"] [data-series="test_acc"]').getAttribute("data-points"))).toBe(61);

  expect(consoleErrors).toEqual([]);
});
