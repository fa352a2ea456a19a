import { z } from "zod";

/** The API's environment, validated once at start-up (DESIGN.md §7: only env.ts reads process.env). */
const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  GROKSCOPE_API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  GROKSCOPE_API_HOST: z.string().default("127.0.0.1"),
});

export type ApiEnv = z.infer<typeof envSchema>;
export const readApiEnv = (env: NodeJS.ProcessEnv = process.env): ApiEnv => envSchema.parse(env);
