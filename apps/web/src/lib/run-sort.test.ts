import { describe, expect, it } from "vitest";
import { DEFAULT_SORT, nextSort, parseRunSort, toRunOrder, writeSortParams } from "./run-sort.ts";

describe("toRunOrder", () => {
  it("maps table keys to the API's order fields and directions", () => {
    expect(toRunOrder({ key: "tGrok", dir: "asc" })).toEqual({ field: "T_GROK", direction: "ASC" });
    expect(toRunOrder(DEFAULT_SORT)).toEqual({ field: "CREATED_AT", direction: "DESC" });
    expect(toRunOrder({ key: "clampRho", dir: "desc" })).toEqual({ field: "CLAMP_RHO", direction: "DESC" });
  });
});

describe("sort params", () => {
  const round = (sort: Parameters<typeof writeSortParams>[1]) => {
    const params = new URLSearchParams("f=p:eq:13");
    writeSortParams(params, sort);
    return params;
  };
  it("parses, defaults and round-trips without touching other params", () => {
    expect(parseRunSort(new URLSearchParams(""))).toEqual(DEFAULT_SORT);
    expect(parseRunSort(new URLSearchParams("sort=bogus"))).toEqual(DEFAULT_SORT);
    expect(parseRunSort(new URLSearchParams("sort=constructor"))).toEqual(DEFAULT_SORT);
    const params = round({ key: "p", dir: "desc" });
    expect(params.toString()).toBe("f=p%3Aeq%3A13&sort=p&dir=desc");
    expect(parseRunSort(params)).toEqual({ key: "p", dir: "desc" });
    expect(round(DEFAULT_SORT).toString()).toBe("f=p%3Aeq%3A13");
  });
  it("flips the same column and starts a new one ascending", () => {
    expect(nextSort({ key: "p", dir: "asc" }, "p")).toEqual({ key: "p", dir: "desc" });
    expect(nextSort({ key: "p", dir: "desc" }, "tMem")).toEqual({ key: "tMem", dir: "asc" });
  });
});
