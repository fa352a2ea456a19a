import { readFileSync } from "node:fs";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { guardSchema } from "./auth/guard.ts";
import { authResolvers } from "./auth/me.ts";
import { resolvers } from "./resolvers/index.ts";

const sdl = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");

/** The SDL files are the contract (DESIGN.md §6); resolvers are attached to them, never the reverse. */
export const typeDefs = [sdl("schema.graphql"), sdl("auth.graphql")];

/** Every root field is wrapped with its role check (auth/guard.ts), including ones added later. */
export const createSchema = () => guardSchema(makeExecutableSchema({ typeDefs, resolvers: [resolvers, authResolvers] }));
