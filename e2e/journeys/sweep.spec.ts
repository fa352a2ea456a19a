import { expect, test } from "../fixtures.ts";

test("launch a 2×2 sweep, see the run count first, then watch the heatmap cells fill in", async ({ page }) => {
  test.setTimeout(240_000);
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await page.goto("/sweeps/new");
  const fields = { "Sweep name": `e2e sweep ${Date.now()}`, p: "13", "Step budget": "300", "Eval every": "5", "Train fraction": "0.5", "Learning rate": "0.003", "Seeds per cell": "1" };
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("Axis 1 field").selectOption("temperature");
  await page.getByLabel("Axis 1 values").fill("1, 1.3");
  await page.getByLabel("Axis 2 field").selectOption("weightDecay");
  await page.getByLabel("Axis 2 values").fill("1, 2, 3");
  await expect(page.getByTestId("sweep-count")).toHaveText("6 runs × 1 seeds = 6 trainings");
  await page.getByLabel("Axis 2 values").fill("1, 2");
  await expect(page.getByTestId("sweep-count")).toHaveText("4 runs × 1 seeds = 4 trainings");
  await page.getByRole("button", { name: "Launch 4 runs" }).click();
  await expect(page).toHaveURL(/\/sweeps\/[0-9a-f-]{36}$/);

  const cells = page.getByTestId("heatmap-cell");
  await expect(cells).toHaveCount(4);
  // Every cell ends either with a median T_grok or marked censored (never grokked), none pending.
  await expect(page.locator('[data-testid="heatmap-cell"][data-state="pending"]')).toHaveCount(0, { timeout: 170_000 });
  await expect(page.getByTestId("sweep-progress")).toContainText("4 succeeded");
  await expect(page.getByTestId("collapse-plot").or(page.getByText("No cell has grokked yet"))).toBeVisible();
  await cells.first().click();
  await expect(page.getByTestId("sweep-cell-runs").getByRole("link")).toHaveCount(1);
  await page.screenshot({ path: "artifacts/sweep-heatmap.png", fullPage: true });
  expect(consoleErrors).toEqual([]);
});
