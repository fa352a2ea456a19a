import { expect, test as base } from "@playwright/test";

/**
 * Every journey's page must stay free of console errors and uncaught exceptions (issue: "no
 * console errors"). Collected while the journey runs and asserted when it ends, so a journey that
 * passes its own checks still fails if the page logged an error on the way.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        // "Failed to load resource" names no URL in its text; its location does.
        if (message.type() === "error") errors.push(`console: ${message.text()} (${message.location().url})`);
      });
      page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      expect(errors, "console errors while the journey ran").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
