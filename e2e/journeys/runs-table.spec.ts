import { expect, test } from "../fixtures.ts";
import type { Page } from "@playwright/test";

const TINY = { p: "13", "Train fraction": "0.5", "Learning rate": "0.003", "Step budget": "300", "Eval every": "5" };

async function launch(page: Page, fields: Record<string, string>) {
  await page.goto("/runs/new");
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
}

test("filter and sort the runs table on the server, then reload the view from its URL", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  const stamp = `tbl${Date.now()}`;
  await launch(page, { ...TINY, Name: `${stamp} alpha`, "Weight decay": "2" });
  await launch(page, { ...TINY, Name: `${stamp} beta`, "Weight decay": "1" });
  await launch(page, { ...TINY, Name: `${stamp} gamma`, "Weight decay": "2" });

  await page.goto("/");
  const rows = page.getByTestId("run-row");
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter 1 field").selectOption("text");
  await page.getByLabel("Filter 1 value").fill(stamp);
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter 2 field").selectOption("weightDecay");
  await page.getByLabel("Filter 2 operator").selectOption("eq");
  await page.getByLabel("Filter 2 value").fill("2");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId("runs-count")).toContainText("2 runs match");
  // The table listens on the API's runsChanged subscription (polling is only the fallback).
  await expect(page.getByTestId("live-state")).toHaveText(" · live");

  await page.getByRole("button", { name: "Name" }).click();
  await page.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(rows.first()).toContainText(`${stamp} gamma`);
  await expect(rows.last()).toContainText(`${stamp} alpha`);

  // OR of the two rows: every run with the stamp plus every λ = 2 run; the stamp's three all show.
  await page.getByLabel("Combine filters with").selectOption("or");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/join=or/);
  await expect(rows.filter({ hasText: `${stamp} beta` })).toHaveCount(1);
  await page.getByLabel("Combine filters with").selectOption("and");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(2);

  await page.reload();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(page.getByLabel("Filter 2 value")).toHaveValue("2");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`${stamp} gamma`);
  await expect(page.getByRole("button", { name: "Name" }).locator("..")).toHaveAttribute("aria-sort", "descending");
  await page.screenshot({ path: "artifacts/runs-table-filtered.png" });
  expect(consoleErrors).toEqual([]);
});
