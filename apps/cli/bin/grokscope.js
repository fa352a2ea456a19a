#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader (no separate build step for node-side code).
import { register } from "tsx/esm/api";
register();
await import("../src/main.ts");
