/** The specs' mock engine: the plan's recording engine (plan/engine.ts), so tests and plan see the same graph. */
export * from "../../plan/engine";
