import { expect, test } from "../fixtures.ts";
import type { APIRequestContext } from "@playwright/test";
import { grokscopeCli, startGrokscope, type RunningSystem } from "../system.ts";

/**
 * A viewer signs in and sees runs, charts, tags, notes and annotations, but no control that would
 * change anything. Creating users turns authentication on for the whole system, so this journey
 * runs against a system of its own rather than the shared one.
 */
let system: RunningSystem;
test.beforeAll(async () => {
  system = await startGrokscope({ echo: false });
});
test.afterAll(async () => {
  await system?.stop();
});

async function gql(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}) {
  const res = await request.post(`${system.url}/api/graphql`, { data: { query, variables } });
  const body = (await res.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

test("a viewer signs in and sees everything but no control that changes it", async ({ page, request }) => {
  // As the local admin (loopback, no users yet): a run with a tag, a note and an annotation.
  const { createRun } = await gql(request, `mutation { createRun(input: { name: "viewer journey run", config: { p: 13, steps: 200, evalEvery: 10 } }) { id } }`);
  const runId = createRun!.id;
  await gql(request, `mutation($id: ID!) { addTags(runId: $id, tags: ["baseline"]) { id } }`, { id: runId });
  await gql(request, `mutation($id: ID!) { updateRun(id: $id, input: { notes: "**seen** by the viewer" }) { id } }`, { id: runId });
  await gql(request, `mutation($id: ID!) { addAnnotation(runId: $id, step: 100, text: "halfway") { id } }`, { id: runId });

  await grokscopeCli(system, ["user", "create", "ada", "--role", "admin", "--password-stdin"], "admin password 1");
  await grokscopeCli(system, ["user", "create", "vera", "--role", "viewer", "--password-stdin"], "viewer password 1");

  // Anonymous now: the dashboard sends the browser to sign in, then back.
  await page.goto(`${system.url}/`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("Name").fill("vera");
  await page.getByLabel("Password").fill("viewer password 1");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(`${system.url}/`);

  const row = page.getByTestId("run-row").filter({ hasText: "viewer journey run" });
  await expect(row).toBeVisible();
  await expect(page.getByRole("link", { name: "New run" })).toHaveCount(0);
  await row.getByTestId("run-select").check();
  await expect(page.getByLabel("Tag to add to the selected runs")).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button", { name: /cancel/i })).toHaveCount(0);

  await page.goto(`${system.url}/runs/${runId}`);
  await expect(page.getByTestId("annotation").filter({ hasText: "halfway" })).toBeVisible();
  await expect(page.getByTestId("run-tags")).toContainText("baseline");
  await expect(page.getByTestId("run-notes").locator("strong", { hasText: "seen" })).toBeVisible();
  await expect(page.getByTestId("chart-accuracy")).toBeVisible();
  // No rerun, fork, cancel, tag, note or annotation controls anywhere on the page.
  await expect(page.getByRole("main").getByRole("button", { name: /rerun|fork|cancel|delete|edit|add|save|remove|annotate/i })).toHaveCount(0);
  await expect(page.getByRole("main").locator("textarea")).toHaveCount(0);

  // The API enforces the same: a viewer's mutation is FORBIDDEN, the run unchanged.
  const res = await page.request.post(`${system.url}/api/graphql`, { data: { query: `mutation($id: ID!) { cancelRun(id: $id) { id } }`, variables: { id: runId } } });
  const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
  expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
});
