/** The test run's PostgreSQL maintenance URL, provided by global-setup.ts to every test file. */
declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
export {};
