import { existsSync } from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Resolver types generated from the SDL (the contract, DESIGN.md §6): `npm run codegen` in
 * apps/api after editing any *.graphql; the output is committed so typecheck needs no codegen step.
 */
const config: CodegenConfig = {
  // auth.graphql (authentication) extends the main SDL once it exists.
  schema: ["schema.graphql", ...(existsSync("auth.graphql") ? ["auth.graphql"] : [])],
  generates: {
    "src/__generated__/resolvers-types.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: "../context.ts#ApiContext",
        mappers: { Run: "@grokscope/db#RunRow", Sweep: "@grokscope/db#SweepRow", Annotation: "@grokscope/db#AnnotationRow" },
        scalars: { DateTime: "Date | string", JSON: "unknown" },
        avoidOptionals: false,
      },
    },
  },
};
export default config;
