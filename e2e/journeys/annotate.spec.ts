import { expect, test } from "../fixtures.ts";

test("launch → live chart → annotate a clicked step, tag and note the run → all still there after reload", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  await page.goto("/runs/new");
  const fields = { Name: `e2e annotate ${Date.now()}`, p: "13", "Train fraction": "0.5", "Learning rate": "0.003", "Weight decay": "2", "Step budget": "400", "Eval every": "5" };
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);

  const accuracy = page.getByTestId("chart-accuracy");
  await expect.poll(async () => Number((await accuracy.locator('[data-series="test_acc"]').first().getAttribute("data-points")) ?? 0), { timeout: 90_000 }).toBeGreaterThan(1);

  // A click on the chart (no drag) picks that step for the annotation form.
  const hit = accuracy.getByTestId("chart-hit");
  const box = (await hit.boundingBox())!;
  await hit.click({ position: { x: box.width / 2, y: box.height / 2 } });
  const stepField = page.getByLabel("Annotation step");
  await expect(stepField).not.toHaveValue("");
  const step = Number(await stepField.inputValue());
  expect(step).toBeGreaterThan(0);
  await page.getByLabel("Annotation text").fill("loss plateau starts");
  await page.getByRole("button", { name: "Add annotation" }).click();
  const marker = accuracy.getByTestId("annotation-marker");
  await expect(marker).toHaveAttribute("data-step", String(step));

  await page.getByLabel("New tag").fill("Plateau");
  await page.getByRole("button", { name: "Add tag" }).click();
  await expect(page.getByTestId("run-tags")).toContainText("plateau");
  await page.getByRole("button", { name: "Edit notes" }).click();
  await page.getByLabel("Notes (Markdown)").fill("**bold claim** <img src=x onerror=alert(1)>");
  await page.getByRole("button", { name: "Save notes" }).click();
  await expect(page.getByTestId("run-notes").locator("strong")).toHaveText("bold claim");
  await expect(page.getByTestId("run-notes").locator("img")).toHaveCount(0);

  // Edit in place.
  await page.getByTestId("annotation").getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit annotation text").fill("plateau, then grokking");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("annotation")).toContainText("plateau, then grokking");

  await page.reload();
  await expect(page.getByTestId("annotation")).toContainText(`step ${step.toLocaleString("en")}`);
  await expect(page.getByTestId("annotation")).toContainText("plateau, then grokking");
  await expect(page.getByTestId("chart-accuracy").getByTestId("annotation-marker")).toHaveAttribute("data-step", String(step));
  await expect(page.getByTestId("run-tags")).toContainText("plateau");
  await expect(page.getByTestId("run-notes").locator("strong")).toHaveText("bold claim");
  await page.screenshot({ path: "artifacts/run-annotated.png", fullPage: true });

  await page.getByRole("button", { name: `Delete annotation at step ${step}` }).click();
  await expect(page.getByTestId("annotation")).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
