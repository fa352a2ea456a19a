import { readFileSync } from "node:fs";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { resolvers } from "./resolvers/index.ts";

/** The SDL file is the contract (DESIGN.md §6); resolvers are attached to it, never the reverse. */
export const typeDefs = readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");

export const createSchema = () => makeExecutableSchema({ typeDefs, resolvers });
