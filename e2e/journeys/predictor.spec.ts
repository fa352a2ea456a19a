import { expect, test } from "../fixtures.ts";

const TINY = { p: "13", "Train fraction": "0.5", "Learning rate": "0.003", "Step budget": "300", "Eval every": "5" };

test("a finished run feeds the predictor page: its backtest summary and coverage table", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/runs/new");
  for (const [label, value] of Object.entries({ ...TINY, Name: `predictor ${Date.now()}` })) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 150_000 });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Predictor" }).click();
  await expect(page).toHaveURL(/\/predictor$/);
  // The API backtests every finished run of the registry (this one at least), each held out in turn.
  await expect(page.getByTestId("predictor-table")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("predictor-summary")).toContainText(/\d+ finished runs/);
  await page.screenshot({ path: "artifacts/predictor.png", fullPage: true });
});
