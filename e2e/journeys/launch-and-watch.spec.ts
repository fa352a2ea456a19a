import { expect, test } from "../fixtures.ts";
import type { Page } from "@playwright/test";

const pointsOf = async (page: Page, series: string) =>
  Number((await page.locator(`[data-testid="chart-accuracy"] [data-series="${series}"]`).first().getAttribute("data-points")) ?? 0);

async function launch(page: Page, fields: Record<string, string>) {
  await page.goto("/");
  await page.getByRole("link", { name: /new run/i }).first().click();
  for (const [label, value] of Object.entries(fields)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
    else await field.fill(value);
  }
  await page.getByRole("button", { name: "Launch run" }).click();
}

test("launch a tiny run, see it finish with every point, find it in the runs table", async ({ page }) => {
  const name = `e2e tiny ${Date.now()}`;
  await launch(page, {
    Name: name, p: "13", "Train fraction": "0.5", "Learning rate": "0.003", "Weight decay": "2",
    "Step budget": "600", "Eval every": "5", Seed: "1",
  });
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("run-status")).toHaveText(/queued|running|succeeded/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 120_000 });
  await expect.poll(() => pointsOf(page, "test_acc")).toBe(600 / 5 + 1);
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  for (const chart of ["chart-loss", "chart-weight-norm", "chart-logit-scale"]) {
    await expect(page.getByTestId(chart).locator("[data-series]").first()).toBeVisible();
  }
  await page.screenshot({ path: "artifacts/launch-and-watch.png", fullPage: true });

  // The runs table lists it with its final state.
  await page.goto("/");
  const row = page.getByTestId("run-row").filter({ hasText: name });
  await expect(row).toContainText("succeeded");
  await expect(row).toContainText("600");
});

// A run far too long to finish during the test (200,000 steps), so the growth is seen while it
// trains on any machine: a short run can end before the page has read its first points.
test("watch a running run's charts grow live, then cancel it from its page", async ({ page }) => {
  await launch(page, { Name: `e2e cancel ${Date.now()}`, p: "13", "Step budget": "200000", "Eval every": "50" });
  await expect(page.getByTestId("run-status")).toHaveText("running", { timeout: 60_000 });

  // The accuracy chart grows while the run trains (pushed or polled, no reload).
  await expect.poll(() => pointsOf(page, "test_acc"), { timeout: 60_000 }).toBeGreaterThan(1);
  const early = await pointsOf(page, "test_acc");
  await expect.poll(() => pointsOf(page, "test_acc"), { timeout: 60_000 }).toBeGreaterThan(early);
  await expect(page.getByTestId("run-status")).toHaveText("running");

  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("cancelled", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  // What it recorded before the cancel stays on the chart.
  await page.reload();
  await expect.poll(() => pointsOf(page, "test_acc")).toBeGreaterThan(early);
});

test("an impossible config is refused with the field named", async ({ page }) => {
  await launch(page, { p: "100" });
  await expect(page.getByRole("alert").first()).toContainText(/prime/);
  await expect(page).toHaveURL(/\/runs\/new/);
});
